package io.workflowingest.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The shared sample records: system property {@code samples.dir} if set, else the first existing
 * of {@code ../shared/samples} (project root as working directory) and {@code /work/shared/samples}.
 */
final class Samples {
    private Samples() {
    }

    static Path dir() {
        String configured = System.getProperty("samples.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Stream.of(Path.of("../shared/samples"), Path.of("/work/shared/samples"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("sample records not found; set -Dsamples.dir"));
    }

    static Path file(String relative) {
        return dir().resolve(relative);
    }

    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Path> list(String folder) {
        try (Stream<Path> files = Files.list(dir().resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
