package io.workflowingest.store;

import java.util.List;

/**
 * Where the previous page ended: the sort key values of its last row and its workflow_id. For
 * the default order {@code keys} holds the sort time (numeric text); for a custom sort, one JSON
 * text per sort key, null where the key was missing or JSON null. For the campaign list
 * {@code keys} is empty and {@code id} is the last campaign_id.
 */
public record Keyset(List<String> keys, String id) {

    public Keyset {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
    }
}
