package io.workflowingest.store;

/** One workflow reached by a lineage walk; depth is negative for ancestors, 0 for the root. */
public record LineageNode(String id, String parentId, int depth, String body) {
}
