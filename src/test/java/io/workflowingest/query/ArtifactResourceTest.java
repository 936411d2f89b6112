package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /api/v1/artifacts: string leaves of used/generated at any depth, by role, kept in step with merges. */
@QuarkusTest
class ArtifactResourceTest {

    static final String A = "art-" + UUID.randomUUID();
    static final String D = "/lustre/" + UUID.randomUUID();
    static boolean stored;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        stored = true;
        QueryFixtures.store(
                """
                {"workflow_id": "%1$s-1", "utc_timestamp": 1,
                 "used": {"dataset": "%2$s/shared", "files": ["%2$s/a", {"deep": ["%2$s/deep"]}], "n": 5, "same": "%2$s/both"},
                 "generated": {"model": "%2$s/m1", "again": "%2$s/both"}}
                """.formatted(A, D),
                """
                {"workflow_id": "%1$s-2", "utc_timestamp": 2, "used": {"dataset": "%2$s/shared"}, "generated": {"model": "%2$s/a"}}
                """.formatted(A, D),
                """
                {"workflow_id": "%1$s-3", "utc_timestamp": 3, "used": {"x": 5, "y": "%2$s/it's; drop table workflows; --"},
                 "generated": {"out": "%2$s/shared"}, "custom_metadata": {"note": "%2$s/not-an-artifact"}}
                """.formatted(A, D));
    }

    static List<String> find(String value, String role) {
        var request = given().queryParam("value", value);
        if (role != null) {
            request.queryParam("role", role);
        }
        return request.get("/api/v1/artifacts").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath().<String>getList("items.workflow_id").stream().map(id -> id.substring(A.length() + 1)).toList();
    }

    @Test
    void byRoleNewestFirst() {
        assertEquals(List.of("3", "2", "1"), find(D + "/shared", null));
        assertEquals(List.of("3", "2", "1"), find(D + "/shared", "any"));
        assertEquals(List.of("2", "1"), find(D + "/shared", "used"));
        assertEquals(List.of("3"), find(D + "/shared", "generated"));
        assertEquals(List.of("2", "1"), find(D + "/a", "any"));
        assertEquals(List.of("1"), find(D + "/a", "used"));
        assertEquals(List.of("2"), find(D + "/a", "generated"));
    }

    @Test
    void anyDepthStringsOnlyOnlyUsedAndGenerated() {
        assertEquals(List.of("1"), find(D + "/deep", null));
        // A value in both used and generated of one workflow comes back once.
        assertEquals(List.of("1"), find(D + "/both", "any"));
        assertEquals(List.of(), find("5", null));
        assertEquals(List.of(), find(D + "/not-an-artifact", null));
        assertEquals(List.of(), find(D, null));
        assertEquals(List.of("3"), find(D + "/it's; drop table workflows; --", "used"));
    }

    @Test
    void mergesKeepTheArtifactsInStep() {
        String id = A + "-m";
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"used\": {\"in\": \"" + D + "/v1\"}}")
                .post("/api/v1/workflows").then().statusCode(201);
        assertEquals(List.of("m"), find(D + "/v1", "used"));
        // `used` is replaced whole by a later record: the old value goes, the new one comes.
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"used\": {\"in\": \"" + D + "/v2\", \"also\": [\"" + D + "/v2\"]}}")
                .post("/api/v1/workflows").then().statusCode(200);
        assertEquals(List.of(), find(D + "/v1", null));
        assertEquals(List.of("m"), find(D + "/v2", "used"));
        // A merge that leaves used alone keeps it, and a value moving from used to generated follows.
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"status\": \"FINISHED\", \"generated\": {\"m\": \"" + D + "/v2\"}}")
                .post("/api/v1/workflows").then().statusCode(200);
        assertEquals(List.of("m"), find(D + "/v2", "generated"));
        assertEquals(List.of("m"), find(D + "/v2", "used"));
        given().contentType(ContentType.JSON).body("{\"workflow_id\": \"" + id + "\", \"used\": {}}")
                .post("/api/v1/workflows").then().statusCode(200);
        assertEquals(List.of(), find(D + "/v2", "used"));
        assertEquals(List.of("m"), find(D + "/v2", "any"));
    }

    @Test
    void longValuesAndPaging() {
        // Longer than a btree entry may be (2704 bytes), within the 4 KiB request line.
        String longValue = D + "/" + "x".repeat(3_000);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add("{\"workflow_id\": \"%s-p%02d\", \"utc_timestamp\": %d, \"used\": {\"big\": \"%s\"}}".formatted(A, i, 100 + i % 4, longValue));
        }
        QueryFixtures.store(records);
        List<String> walked = QueryFixtures.walkGet("/api/v1/artifacts", Map.of("value", longValue, "limit", "5"));
        assertEquals(12, walked.size());
        assertEquals(12, new HashSet<>(walked).size());
        List<String> expected = new ArrayList<>(walked);
        expected.sort(java.util.Comparator.comparing((String w) -> -(Integer.parseInt(w.substring(w.length() - 2)) % 4))
                .thenComparing(java.util.Comparator.<String>reverseOrder()));
        assertEquals(expected, walked);
    }
}
