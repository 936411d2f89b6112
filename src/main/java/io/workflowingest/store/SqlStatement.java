package io.workflowingest.store;

import io.vertx.mutiny.sqlclient.Tuple;

import java.util.List;

/** SQL text with {@code $n} placeholders and the values bound to them: nothing from a request is ever in {@code sql}. */
public record SqlStatement(String sql, List<Object> params) {

    public SqlStatement {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }

    public Tuple tuple() {
        return Tuple.from(params);
    }
}
