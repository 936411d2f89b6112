package io.workflowingest.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound parameters of one statement. Each method binds a value and returns the SQL text
 * that refers to it ({@code $3::text}, {@code cast($4::text as jsonb)}): the only way request
 * data reaches a statement. Equal values of one kind share one placeholder.
 */
final class SqlParams {

    private final List<Object> values = new ArrayList<>();
    private final Map<Object, Integer> positions = new HashMap<>();

    private record Key(String kind, Object value) {
    }

    private int bind(String kind, Object key, Object value) {
        return positions.computeIfAbsent(new Key(kind, key), k -> {
            values.add(value);
            return values.size();
        });
    }

    String text(String value) {
        return "$" + bind("text", value, value) + "::text";
    }

    String textArray(List<String> value) {
        return "$" + bind("text[]", List.copyOf(value), value.toArray(new String[0])) + "::text[]";
    }

    String jsonb(String json) {
        return "cast(" + text(json) + " as jsonb)";
    }

    String jsonbArray(List<String> json) {
        return "cast(" + textArray(json) + " as jsonb[])";
    }

    String numeric(BigDecimal value) {
        return "cast(" + text(value.toString()) + " as numeric)";
    }

    String integer(int value) {
        return "$" + bind("int4", value, value) + "::int4";
    }

    int size() {
        return values.size();
    }

    SqlStatement statement(String sql) {
        return new SqlStatement(sql, values);
    }
}
