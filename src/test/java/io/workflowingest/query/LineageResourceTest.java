package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /api/v1/workflows/{id}/lineage: directions, depth, cycles, node cap. */
@QuarkusTest
class LineageResourceTest {

    static final String L = "lin-" + UUID.randomUUID() + "-";
    static boolean stored;

    @Inject
    Pool pool;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        stored = true;
        QueryFixtures.store(
                rec("P", null, 10), rec("R", "P", 20), rec("C1", "R", 30), rec("C2", "R", 40), rec("G1", "C1", 50),
                rec("GG", "G1", 60), rec("O", "missing-parent-" + UUID.randomUUID(), 70),
                rec("A", "B", 80), rec("B", "A", 90), rec("S", "S", 100));
    }

    static String rec(String id, String parent, int time) {
        return "{\"workflow_id\": \"" + L + id + "\", \"name\": \"n-" + id + "\", \"utc_timestamp\": " + time
                + (parent == null ? "" : ", \"parent_workflow_id\": \"" + (parent.startsWith("missing") ? parent : L + parent) + "\"") + "}";
    }

    static JsonPath lineage(String id, Map<String, ?> params) {
        return given().queryParams(params).get("/api/v1/workflows/{id}/lineage", L + id)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    static List<String> nodes(JsonPath json) {
        return json.<String>getList("nodes.workflow_id").stream().map(id -> id.substring(L.length())).toList();
    }

    static Set<String> edges(JsonPath json) {
        List<Map<String, String>> edges = json.getList("edges");
        return edges.stream().map(e -> e.get("parent").substring(L.length()) + ">" + e.get("child").substring(L.length()))
                .collect(Collectors.toSet());
    }

    @Test
    void descendantsBreadthFirst() {
        JsonPath json = lineage("R", Map.of("direction", "descendants"));
        assertEquals(L + "R", json.getString("root"));
        assertEquals(List.of("R", "C1", "C2", "G1", "GG"), nodes(json));
        assertEquals(Set.of("R>C1", "R>C2", "C1>G1", "G1>GG"), edges(json));
        assertEquals(false, json.getBoolean("truncated"));
        assertEquals(List.of("R", "C1", "C2"), nodes(lineage("R", Map.of("direction", "descendants", "depth", "1"))));
        assertEquals(List.of("R"), nodes(lineage("R", Map.of("direction", "descendants", "depth", "0"))));
        assertEquals(Set.of(), edges(lineage("R", Map.of("depth", "0"))));
    }

    @Test
    void ancestorsNearestFirst() {
        JsonPath json = lineage("GG", Map.of("direction", "ancestors"));
        assertEquals(List.of("GG", "G1", "C1", "R", "P"), nodes(json));
        assertEquals(Set.of("P>R", "R>C1", "C1>G1", "G1>GG"), edges(json));
        assertEquals(List.of("GG", "G1", "C1"), nodes(lineage("GG", Map.of("direction", "ancestors", "depth", "2"))));
        // A parent that was never stored ends the walk; no edge points at it.
        JsonPath orphan = lineage("O", Map.of("direction", "ancestors"));
        assertEquals(List.of("O"), nodes(orphan));
        assertEquals(Set.of(), edges(orphan));
    }

    @Test
    void bothDirectionsByDefault() {
        JsonPath json = lineage("C1", Map.of());
        assertEquals(List.of("C1", "R", "P", "G1", "GG"), nodes(json));
        assertEquals(Set.of("P>R", "R>C1", "C1>G1", "G1>GG"), edges(json));
        assertEquals(List.of("C1", "R", "G1"), nodes(lineage("C1", Map.of("depth", "1"))));
    }

    @Test
    void cyclesEndTheWalk() {
        JsonPath ab = lineage("A", Map.of("direction", "both", "depth", "50"));
        assertEquals(List.of("A", "B"), nodes(ab));
        assertEquals(Set.of("A>B", "B>A"), edges(ab));
        assertEquals(List.of("A", "B"), nodes(lineage("A", Map.of("direction", "descendants", "depth", "50"))));
        assertEquals(List.of("B", "A"), nodes(lineage("B", Map.of("direction", "ancestors", "depth", "50"))));
        JsonPath self = lineage("S", Map.of("depth", "50"));
        assertEquals(List.of("S"), nodes(self));
        assertEquals(Set.of("S>S"), edges(self));
        assertEquals(false, self.getBoolean("truncated"));
    }

    @Test
    void projectionOfNodes() {
        given().queryParam("projection", "name").queryParam("direction", "descendants").queryParam("depth", "1")
                .get("/api/v1/workflows/{id}/lineage", L + "R").then().statusCode(200)
                .body("nodes[0].workflow_id", equalTo(L + "R"))
                .body("nodes[0].name", equalTo("n-R"))
                .body("nodes[0]", not(hasKey("utc_timestamp")))
                .body("nodes[1]", not(hasKey("parent_workflow_id")));
    }

    @Test
    void absentRootIs404() {
        given().get("/api/v1/workflows/{id}/lineage", L + "nope").then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/api/v1/workflows/%20x/lineage").then().statusCode(404);
    }

    @Test
    void atMost10000NodesThenTruncated() {
        String root = "wide-" + UUID.randomUUID();
        pool.preparedQuery("""
                insert into workflows (workflow_id, doc)
                select $1 || '-' || i, jsonb_build_object('workflow_id', $1 || '-' || i, 'parent_workflow_id', $1, 'utc_timestamp', i)
                  from generate_series(1, 10001) as i
                union all
                select $1, jsonb_build_object('workflow_id', $1)
                """).execute(Tuple.of(root)).await().atMost(Duration.ofSeconds(60));
        JsonPath json = given().queryParam("direction", "descendants").get("/api/v1/workflows/{id}/lineage", root)
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = json.getList("nodes.workflow_id");
        assertEquals(10_000, ids.size());
        assertEquals(root, ids.get(0));
        assertEquals(10_000, new HashSet<>(ids).size());
        assertEquals(9_999, json.getList("edges").size());
        assertEquals(true, json.getBoolean("truncated"));
        JsonPath child = given().get("/api/v1/workflows/{id}/lineage", root + "-17").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(root + "-17", root), child.getList("nodes.workflow_id"));
        assertEquals(false, child.getBoolean("truncated"));
    }
}
