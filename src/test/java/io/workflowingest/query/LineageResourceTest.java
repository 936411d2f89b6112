package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /api/v1/workflows/{id}/lineage: directions, depth, cycles, node cap. */
@QuarkusTest
class LineageResourceTest {

    static final String L = "lin-" + UUID.randomUUID() + "-";
    /** A chain of 60 workflows, K00 the top, each K(i) the child of K(i-1). */
    static final List<String> CHAIN = IntStream.range(0, 60).mapToObj(i -> "K%02d".formatted(i)).toList();
    /** Ids that read like SQL: Q1 the child of P, Q2 the child of Q1. */
    static final String Q1 = "q'; drop table workflows; --";
    static final String Q2 = "q\"')::text or true --";
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
        QueryFixtures.store(IntStream.range(0, CHAIN.size())
                .mapToObj(i -> rec(CHAIN.get(i), i == 0 ? null : CHAIN.get(i - 1), 1000 + i)).toList());
        QueryFixtures.store(
                "{\"workflow_id\": \"%1$sq'; drop table workflows; --\", \"parent_workflow_id\": \"%1$sP\", \"name\": \"n-Q1\", \"utc_timestamp\": 200}"
                        .formatted(L),
                "{\"workflow_id\": \"%1$sq\\\"')::text or true --\", \"parent_workflow_id\": \"%1$sq'; drop table workflows; --\", \"name\": \"n-Q2\", \"utc_timestamp\": 210}"
                        .formatted(L));
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

    static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    static Set<String> chainEdges(int from, int to) {
        return IntStream.range(from + 1, to + 1).mapToObj(i -> CHAIN.get(i - 1) + ">" + CHAIN.get(i)).collect(Collectors.toSet());
    }

    @Test
    void depthIs10ByDefaultAndAtMost50() {
        JsonPath byDefault = lineage("K00", Map.of("direction", "descendants"));
        assertEquals(CHAIN.subList(0, 11), nodes(byDefault));
        assertEquals(chainEdges(0, 10), edges(byDefault));
        // truncated reports the node cap and the response limit (README), not the depth: the
        // walk asked for 10 steps and got all of them.
        assertEquals(false, byDefault.getBoolean("truncated"));
        JsonPath deepest = lineage("K00", Map.of("direction", "descendants", "depth", "50"));
        assertEquals(CHAIN.subList(0, 51), nodes(deepest));
        assertEquals(51, deepest.getList("nodes").size());
        assertEquals(chainEdges(0, 50), edges(deepest));
        assertEquals(false, deepest.getBoolean("truncated"));
        // Upwards from the bottom, nearest first.
        List<String> up = reversed(CHAIN);
        assertEquals(up.subList(0, 11), nodes(lineage("K59", Map.of("direction", "ancestors"))));
        JsonPath upDeepest = lineage("K59", Map.of("direction", "ancestors", "depth", "50"));
        assertEquals(up.subList(0, 51), nodes(upDeepest));
        assertEquals(chainEdges(9, 59), edges(upDeepest));
        assertEquals(false, upDeepest.getBoolean("truncated"));
        // Both ways from the middle: 10 (or 50) steps each way.
        List<String> middle = new ArrayList<>();
        middle.add("K30");
        middle.addAll(reversed(CHAIN.subList(20, 30)));
        middle.addAll(CHAIN.subList(31, 41));
        assertEquals(middle, nodes(lineage("K30", Map.of())));
        List<String> whole = new ArrayList<>();
        whole.add("K30");
        whole.addAll(reversed(CHAIN.subList(0, 30)));
        whole.addAll(CHAIN.subList(31, 60));
        JsonPath both = lineage("K30", Map.of("depth", "50"));
        assertEquals(whole, nodes(both));
        assertEquals(chainEdges(0, 59), edges(both));
        given().queryParam("depth", "51").get("/api/v1/workflows/{id}/lineage", L + "K00").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/depth"));
    }

    @Test
    void idsAndProjectionsCraftedAsSqlAreJustData() {
        JsonPath down = lineage(Q1, Map.of("direction", "descendants"));
        assertEquals(L + Q1, down.getString("root"));
        assertEquals(List.of(Q1, Q2), nodes(down));
        assertEquals(Set.of(Q1 + ">" + Q2), edges(down));
        assertEquals(List.of(Q2, Q1, "P"), nodes(lineage(Q2, Map.of("direction", "ancestors"))));
        // Ids that are not stored, however they read, are 404s; never another workflow's lineage.
        for (String id : List.of("x' or '1'='1", "R' --", "R'); select pg_sleep(10); --", "R\" or \"\"=\"", "R;", "q'")) {
            given().get("/api/v1/workflows/{id}/lineage", L + id).then().statusCode(404).contentType("application/problem+json");
        }
        given().get("/api/v1/workflows/{id}/lineage", "' or 1=1 --").then().statusCode(404);
        // A backslash breaks the id rules: 404 too.
        given().get("/api/v1/workflows/{id}/lineage", L + "R\\").then().statusCode(404);
        // Percent-encoded ';' and quotes reach the walk as part of the id.
        given().urlEncodingEnabled(false).get("/api/v1/workflows/" + L + "q%27%3B%20drop%20table%20workflows%3B%20--/lineage")
                .then().statusCode(200).body("root", equalTo(L + Q1));
        // Projection paths that read like SQL are keys to look up.
        given().queryParam("direction", "descendants").queryParam("projection", "name,name')::text,used.k'); drop table workflows; --")
                .get("/api/v1/workflows/{id}/lineage", L + Q1).then().statusCode(200)
                .body("nodes", equalTo(List.of(Map.of("workflow_id", L + Q1, "name", "n-Q1"), Map.of("workflow_id", L + Q2, "name", "n-Q2"))));
    }
}
