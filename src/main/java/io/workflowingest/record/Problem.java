package io.workflowingest.record;

import java.util.Objects;

/**
 * One thing wrong with a record, as API.md reports it in {@code errors[]}.
 *
 * @param pointer RFC 6901 JSON pointer into the record ({@code ""} is the whole document,
 *                {@code "/used"}, {@code "/interceptor_ids/2"})
 * @param message a sentence a person can act on, naming the field
 */
public record Problem(String pointer, String message) {
    public Problem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }
}
