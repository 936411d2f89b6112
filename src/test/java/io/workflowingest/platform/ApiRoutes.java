package io.workflowingest.platform;

import io.workflowingest.ingest.WorkflowIngestResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JAX-RS route of the application, found by reflection over the compiled main classes, so
 * that routes added later are covered by the auth, OpenAPI and malformed-input tests without
 * touching them.
 */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /** One resource method: HTTP method, path template, and the scope it declares (null if none). */
    public record Route(String httpMethod, String template, Class<?> resource, Method method, Scope scope) {

        public boolean internal() {
            return ApiKeyFilter.isInternal(template);
        }

        /** The template with every path parameter filled with an id that exists nowhere. */
        public String samplePath() {
            return template.replaceAll("\\{[^}]*}", "no-such-id-3f1c9a");
        }

        @Override
        public String toString() {
            return httpMethod + " " + template;
        }
    }

    /** All routes of the main classes (src/main/java), sorted by path then method. */
    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            for (Method m : type.getMethods()) {
                String http = httpMethodOf(m);
                if (http == null || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                if (classPath == null && m.getAnnotation(Path.class) == null) {
                    continue;
                }
                RequiresScope scope = m.getAnnotation(RequiresScope.class);
                if (scope == null) {
                    scope = type.getAnnotation(RequiresScope.class);
                }
                routes.add(new Route(http, ApiKeyFilter.pathTemplate(type, m), type, m, scope == null ? null : scope.value()));
            }
        }
        routes.sort(Comparator.comparing(Route::template).thenComparing(Route::httpMethod));
        return routes;
    }

    /** Routes reachable through API Gateway (everything but /internal). */
    public static List<Route> public_() {
        return all().stream().filter(r -> !r.internal()).toList();
    }

    static String httpMethodOf(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static List<Class<?>> mainClasses() {
        java.nio.file.Path root = java.nio.file.Path.of("target", "classes");
        try {
            var source = WorkflowIngestResource.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null
                    && Files.isDirectory(java.nio.file.Path.of(source.getLocation().toURI()))) {
                root = java.nio.file.Path.of(source.getLocation().toURI());
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // keep target/classes
        }
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
                String name = root.relativize(file).toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.');
                if (!className.startsWith("io.workflowingest.")) {
                    continue;
                }
                try {
                    Class<?> type = Class.forName(className, false, ApiRoutes.class.getClassLoader());
                    if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                        classes.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + className, e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }
}
