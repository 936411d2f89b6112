package io.workflowingest.platform;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Build check for native readiness: every Java record in the packages that answer HTTP
 * (ingest, query, cleanup, platform) that is public is a response or request body that Jackson handles by
 * reflection, so it must be registered in {@link NativeReflection} (or carry the annotation).
 * A new response type without native support fails here, on the JVM, before a native build.
 */
class NativeReflectionTest {

    static final List<String> API_PACKAGES = List.of("ingest", "query", "cleanup", "platform");

    @Test
    void everyApiRecordIsRegisteredForReflection() throws Exception {
        Set<Class<?>> registered = Set.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets());
        List<String> missing = new ArrayList<>();
        for (Class<?> type : apiRecords()) {
            if (!registered.contains(type) && !type.isAnnotationPresent(RegisterForReflection.class)) {
                missing.add(type.getName());
            }
        }
        assertEquals(List.of(), missing, "register these in platform/NativeReflection");
    }

    static List<Class<?>> apiRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(NativeReflection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> records = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            Path dir = root.resolve("io/workflowingest/" + pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = "io.workflowingest." + pkg + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, NativeReflection.class.getClassLoader());
                    if (type.isRecord() && java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                        records.add(type);
                    }
                }
            }
        }
        return records;
    }
}
