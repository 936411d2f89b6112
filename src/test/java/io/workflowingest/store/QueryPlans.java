package io.workflowingest.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EXPLAIN of exactly the statements the application runs, for the plan tests of this package. */
final class QueryPlans {

    static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryPlans() {
    }

    /** The plan of {@code statement}, {@code EXPLAIN (<options>, format json)} (options: "" or "analyze"). */
    static JsonNode explain(Pool pool, String options, SqlStatement statement) {
        String explain = "explain (" + (options.isEmpty() ? "" : options + ", ") + "format json) ";
        String plan = pool.preparedQuery(explain + statement.sql()).execute(statement.tuple())
                .await().atMost(WAIT).iterator().next().getValue(0).toString();
        try {
            return JSON.readTree(plan).get(0).get("Plan");
        } catch (Exception e) {
            throw new IllegalStateException(plan, e);
        }
    }

    /** Every node of {@code plan}, depth first. */
    static List<JsonNode> nodes(JsonNode plan) {
        List<JsonNode> into = new ArrayList<>();
        collect(plan, into);
        return into;
    }

    private static void collect(JsonNode plan, List<JsonNode> into) {
        into.add(plan);
        for (JsonNode child : plan.path("Plans")) {
            collect(child, into);
        }
    }

    /**
     * Asserts that the plan of {@code statement} scans neither workflows nor workflow_artifacts
     * sequentially and uses one of the {@code expected} indexes; returns the plan.
     */
    static JsonNode assertIndexed(Pool pool, SqlStatement statement, String... expected) {
        JsonNode plan = explain(pool, "", statement);
        List<String> indexes = new ArrayList<>();
        for (JsonNode node : nodes(plan)) {
            String type = node.path("Node Type").asText();
            String relation = node.path("Relation Name").asText();
            assertFalse(type.equals("Seq Scan") && (relation.equals("workflows") || relation.equals("workflow_artifacts")),
                    "sequential scan of " + relation + " in\n" + statement.sql() + "\n" + plan.toPrettyString());
            if (node.has("Index Name")) {
                indexes.add(node.get("Index Name").asText());
            }
        }
        assertTrue(indexes.stream().anyMatch(List.of(expected)::contains),
                "expected " + List.of(expected) + ", used " + indexes + " in\n" + statement.sql() + "\n" + plan.toPrettyString());
        return plan;
    }
}
