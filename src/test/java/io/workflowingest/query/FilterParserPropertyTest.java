package io.workflowingest.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workflowingest.platform.ApiException;
import io.workflowingest.store.Filter;
import io.workflowingest.store.SqlStatement;
import io.workflowingest.store.WorkflowQueries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Arbitrary filter trees, valid or not: the parser either accepts them or refuses them with a
 * 400, never anything else; and the SQL of an accepted one holds none of its text. Every string
 * generated here contains 'Q' (which no fixed SQL fragment does) and every number is 7770000+,
 * so any input spliced into the statement would show.
 */
class FilterParserPropertyTest {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 1000, seed = "20261128")
    void parsesOrRefusesWith400AndTheSqlHoldsNoInput(@ForAll("filters") JsonNode filter) {
        Filter parsed;
        try {
            parsed = new FilterParser("invalid-query").parse(filter, "/filter");
        } catch (ApiException e) {
            assertEquals(400, e.status(), e.getMessage());
            Statistics.collect("refused");
            return;
        }
        Statistics.collect("accepted");
        SqlStatement statement = WorkflowQueries.workflowPage(parsed, List.of(), List.of(), null, 100, 4_000_000);
        assertFalse(statement.sql().contains("Q"), () -> "input text in SQL:\n" + statement.sql());
        assertFalse(statement.sql().contains("777"), () -> "input number in SQL:\n" + statement.sql());
        // Both kinds must be well represented, or the property proves little.
        Statistics.coverage(checker -> {
            checker.check("accepted").percentage(p -> p > 15);
            checker.check("refused").percentage(p -> p > 15);
        });
    }

    @Provide
    Arbitrary<JsonNode> filters() {
        return document(4);
    }

    Arbitrary<JsonNode> document(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, operator()),
                net.jqwik.api.Tuple.of(5, path()));
        Arbitrary<List<String>> keys = key.list().ofMaxSize(4).uniqueElements();
        return keys.flatMap(names -> {
            if (names.isEmpty()) {
                return Arbitraries.just((JsonNode) NODES.objectNode());
            }
            return value(depth - 1).list().ofSize(names.size()).map(values -> {
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < names.size(); i++) {
                    object.set(names.get(i), values.get(i));
                }
                return (JsonNode) object;
            });
        });
    }

    Arbitrary<JsonNode> value(int depth) {
        if (depth <= 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar()),
                net.jqwik.api.Tuple.of(3, Arbitraries.lazy(() -> document(depth))),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3).map(items -> {
                    ArrayNode array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                })));
    }

    static Arbitrary<String> operator() {
        return Arbitraries.of("$and", "$or", "$nor", "$not", "$exists", "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in",
                "$nin", "$regex", "$Qwhere", "$Qexpr", "$Q", "$Q'; drop table workflows; --");
    }

    /** Dotted paths with SQL-ish characters, empty segments, '$' segments, NUL. */
    static Arbitrary<String> path() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("Qab'\";-\\ /~$%_\u0000\u00e9").ofMinLength(0).ofMaxLength(6)
                .map(s -> s.isEmpty() ? s : "Q" + s);
        return segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join(".", parts));
    }

    static Arbitrary<JsonNode> scalar() {
        Arbitrary<JsonNode> strings = Arbitraries.strings().withChars("Qxy'\";-\\()[]*+?{}^$|\u0000\ud800")
                .ofMaxLength(8).map(s -> NODES.textNode("Q" + s));
        Arbitrary<JsonNode> numbers = Arbitraries.integers().between(0, 9999).map(i -> NODES.numberNode(7_770_000 + i));
        Arbitrary<JsonNode> decimals = Arbitraries.of("7770000.5", "7.77e-20000", "7.77e200000", "-7770000.25")
                .map(s -> NODES.numberNode(new BigDecimal(s)));
        Arbitrary<JsonNode> literals = Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, strings),
                net.jqwik.api.Tuple.of(2, numbers),
                net.jqwik.api.Tuple.of(1, decimals),
                net.jqwik.api.Tuple.of(2, literals));
    }
}
