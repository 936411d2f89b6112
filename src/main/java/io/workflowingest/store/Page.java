package io.workflowingest.store;

import java.util.List;

/**
 * One page read from the store: the items in order, and whether anything follows the last one
 * (rows past the limit or past the byte budget).
 */
public record Page(List<Item> items, boolean more) {

    /** One row: its JSON text as PostgreSQL wrote it, its sort key values as text, its id. */
    public record Item(String body, List<String> keys, String id) {
    }
}
