package io.workflowingest.store;

import java.util.List;

/**
 * A dotted path into a workflow document ({@code used.epochs} is ["used", "epochs"]). Every
 * segment is an object key, never an array index: a condition applies to the value at the path
 * as a whole (API.md "Read and query"). Segments reach SQL only as bound parameters.
 */
public record FieldPath(List<String> segments) {

    public FieldPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one segment");
        }
    }

    public static FieldPath of(String... segments) {
        return new FieldPath(List.of(segments));
    }

    public boolean isTopLevel() {
        return segments.size() == 1;
    }

    public String first() {
        return segments.get(0);
    }

    public String dotted() {
        return String.join(".", segments);
    }

    @Override
    public String toString() {
        return dotted();
    }
}
