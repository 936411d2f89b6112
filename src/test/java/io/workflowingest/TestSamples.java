package io.workflowingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Flowcept samples ({@code ../shared/samples}, or {@code -Dsamples.dir=...}). */
public final class TestSamples {

    private TestSamples() {
    }

    public static Path dir() {
        String configured = System.getProperty("samples.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        for (String candidate : new String[] { "../shared/samples", "/work/shared/samples" }) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("samples not found: set -Dsamples.dir");
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String relative) {
        return new String(bytes(relative), java.nio.charset.StandardCharsets.UTF_8);
    }
}
