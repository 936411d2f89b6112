package io.workflowingest.platform;

import java.util.Locale;

/**
 * What an API key may do (API.md "Cross-cutting"). {@code admin} implies the others: an operator's
 * key can also send and read records.
 */
public enum Scope {
    /** POST ingest routes. */
    INGEST,
    /** GET and query routes. */
    READ,
    /** Delete and cleanup. */
    ADMIN;

    /** The name used in configuration and documentation: {@code ingest}, {@code read}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a key holding this scope may call a route that requires {@code required}. */
    public boolean grants(Scope required) {
        return this == ADMIN || this == required;
    }

    /** The scope named {@code id} (case-insensitive), or null. */
    public static Scope byId(String id) {
        for (Scope s : values()) {
            if (s.id().equalsIgnoreCase(id)) {
                return s;
            }
        }
        return null;
    }
}
