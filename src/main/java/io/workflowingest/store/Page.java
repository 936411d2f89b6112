package io.workflowingest.store;

import java.util.List;

/**
 * One page read from the store: the items in order, and whether anything follows the last one
 * (rows past the limit or past the byte budget).
 */
public record Page(List<Item> items, boolean more) {

    /**
     * One row: its JSON text as PostgreSQL wrote it, its sort key values as text, its id, and the
     * body's size in UTF-8 bytes as PostgreSQL counted it (response limits are in bytes; counting
     * them again in Java was a quarter of the CPU of a 300 KB page).
     */
    public record Item(String body, List<String> keys, String id, int bytes) {
    }
}
