package io.workflowingest.query;

import io.workflowingest.store.FieldPath;
import io.workflowingest.store.Filter;
import io.workflowingest.store.SortKey;

import java.util.List;

/**
 * One validated workflow query, from GET /api/v1/workflows or POST /api/v1/workflows/query.
 * {@code fingerprint} is its canonical description for cursors; {@code cursorPointer} where its
 * cursor came from, for errors.
 */
record WorkflowQuery(Filter filter, List<SortKey> sort, List<FieldPath> projection, int limit, String cursor,
        String fingerprint, String cursorPointer) {
}
