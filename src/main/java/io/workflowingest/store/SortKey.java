package io.workflowingest.store;

/** One key of a custom sort: the JSON value at {@code path}, ascending or descending; missing and null sort last. */
public record SortKey(FieldPath path, boolean descending) {
}
