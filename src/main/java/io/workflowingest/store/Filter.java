package io.workflowingest.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * A parsed, validated workflow filter: what {@link FilterSql} turns into SQL. Built by the query
 * layer from the MongoDB-style filter of API.md and from the list parameters; every operand here
 * has already been checked (types, value ranges PostgreSQL accepts), so translation cannot fail.
 */
public sealed interface Filter {

    /** Matches every workflow. */
    Filter ALL = new And(List.of());

    /** All parts hold ({@code $and}, several conditions on one level). Empty: always true. */
    record And(List<Filter> parts) implements Filter {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part holds ({@code $or}). Empty: never true. */
    record Or(List<Filter> parts) implements Filter {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** The inner filter does not hold ({@code $not}, {@code $nor}, {@code $ne}, {@code $nin}); true also where the path is absent. */
    record Not(Filter inner) implements Filter {
    }

    /**
     * One condition on the value at {@code path}. {@code operand} by operator: EQ any JSON value;
     * IN an array of scalars; GT/GTE/LT/LTE a number or a string; EXISTS a boolean; REGEX a
     * string (a PostgreSQL regular expression). {@code source} says where the condition came
     * from in the request (a JSON pointer), for error messages.
     */
    record Condition(FieldPath path, Operator operator, JsonNode operand, String source) implements Filter {
    }

    /** The sort time is at or after {@code since} (inclusive) or before {@code until} (exclusive), in epoch seconds. */
    record SortTimeBound(Bound bound, BigDecimal epochSeconds) implements Filter {
    }

    enum Operator { EQ, IN, GT, GTE, LT, LTE, EXISTS, REGEX }

    enum Bound { SINCE, UNTIL }

    static Filter and(List<Filter> parts) {
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }
}
