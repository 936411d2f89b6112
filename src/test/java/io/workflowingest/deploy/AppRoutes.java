package io.workflowingest.deploy;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's HTTP routes as API Gateway route keys ({@code METHOD /path}), read from the
 * JAX-RS annotations of the compiled classes, so the Terraform check follows every route added to
 * the code. Path parameters map to API Gateway's {@code {name}}; a RESTEasy regex parameter that can
 * span segments maps to the greedy {@code {name+}}.
 */
record AppRoutes(Set<String> publicRoutes, Set<String> internalRoutes) {

    /** Served by Quarkus extensions, not JAX-RS: health and OpenAPI, exposed by the team's choice (open, harmless). */
    static final Set<String> EXTENSION_ROUTES = Set.of("GET /q/health/live", "GET /q/health/ready", "GET /q/openapi");

    static final String INTERNAL_PREFIX = "/internal/";

    private static final Pattern PARAM = Pattern.compile("\\{\\s*([A-Za-z0-9_.-]+)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    /** Routes of the resource classes compiled into {@code classesRoot} under package {@code basePackage}. */
    static AppRoutes scan(java.nio.file.Path classesRoot, String basePackage) {
        java.nio.file.Path packageDir = classesRoot.resolve(basePackage.replace('.', '/'));
        Set<String> all = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(packageDir)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classesRoot.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                all.addAll(routesOf(Class.forName(name, false, AppRoutes.class.getClassLoader())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return of(all);
    }

    static AppRoutes of(Set<String> jaxRsRoutes) {
        Set<String> publicRoutes = new TreeSet<>(EXTENSION_ROUTES);
        Set<String> internalRoutes = new TreeSet<>();
        for (String route : jaxRsRoutes) {
            (route.substring(route.indexOf(' ') + 1).startsWith(INTERNAL_PREFIX) ? internalRoutes : publicRoutes).add(route);
        }
        return new AppRoutes(publicRoutes, internalRoutes);
    }

    static List<String> routesOf(Class<?> type) {
        List<String> routes = new ArrayList<>();
        List<Class<?>> declaring = new ArrayList<>();
        declaring.add(type);
        declaring.addAll(List.of(type.getInterfaces()));
        String classPath = null;
        for (Class<?> c : declaring) {
            if (c.isAnnotationPresent(Path.class)) {
                classPath = c.getAnnotation(Path.class).value();
                break;
            }
        }
        if (classPath == null || type.isInterface()) {
            return routes;
        }
        for (Class<?> c : declaring) {
            for (Method method : c.getDeclaredMethods()) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = apiGatewayPath(classPath + "/" + (methodPath == null ? "" : methodPath.value()));
                routes.add(httpMethod + " " + path);
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** {@code /a//b/{id: [^/]+}/} becomes {@code /a/b/{id}}; a parameter whose regex may match '/' becomes {@code {id+}}. */
    static String apiGatewayPath(String jaxRsPath) {
        Matcher matcher = PARAM.matcher(jaxRsPath);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String regex = matcher.group(2);
            boolean greedy = regex != null && Pattern.compile(regex.trim()).matcher("a/b").matches();
            matcher.appendReplacement(out, Matcher.quoteReplacement("{" + matcher.group(1) + (greedy ? "+" : "") + "}"));
        }
        matcher.appendTail(out);
        String path = ("/" + out).replaceAll("/{2,}", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
