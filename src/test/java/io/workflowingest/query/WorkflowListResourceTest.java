package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.workflowingest.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.workflowingest.query.QueryFixtures.list;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/workflows: each parameter, alone and combined, newest first. */
@QuarkusTest
class WorkflowListResourceTest {

    static final String c = "l-" + UUID.randomUUID();
    static final String other = "l-other-" + UUID.randomUUID();
    /** Records without utc_timestamp and started_at: their sort time is received_at. */
    static final String received = "l-recv-" + UUID.randomUUID();
    /** 101 records: one more than the default limit. */
    static final String many = "l-many-" + UUID.randomUUID();
    /** Values and keys that read like SQL. */
    static final String crafted = "l-sql-" + UUID.randomUUID();
    static boolean stored;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        stored = true;
        QueryFixtures.store(
                """
                {"workflow_id": "%1$s-1", "campaign_id": "%1$s", "user": "ann", "name": "train", "subtype": "ml_workflow",
                 "status": "FINISHED", "environment_id": "frontier", "utc_timestamp": 1700000000, "used": {"epochs": 5}}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-2", "campaign_id": "%1$s", "user": "ben", "name": "eval", "subtype": "ml_workflow",
                 "status": "ERROR", "environment_id": "summit", "parent_workflow_id": "%1$s-1", "started_at": 1700000100}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-3", "campaign_id": "%1$s", "user": "ann", "name": "train", "subtype": "data_prep",
                 "status": "RUNNING", "environment_id": "frontier", "parent_workflow_id": "%1$s-1",
                 "utc_timestamp": 1700000200.5, "started_at": 1}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-4", "campaign_id": "%2$s", "user": "ann", "name": "train", "utc_timestamp": 1700000300}
                """.formatted(c, other));
        // Neither utc_timestamp nor started_at: "b" and then, in a later request (so received
        // later), "a"; their ids sort against their received order.
        QueryFixtures.store(
                "{\"workflow_id\": \"%1$s-old\", \"campaign_id\": \"%1$s\", \"utc_timestamp\": 1700000000}".formatted(received),
                "{\"workflow_id\": \"%1$s-start\", \"campaign_id\": \"%1$s\", \"started_at\": 1700000050}".formatted(received),
                "{\"workflow_id\": \"%1$s-future\", \"campaign_id\": \"%1$s\", \"utc_timestamp\": 4000000000}".formatted(received),
                "{\"workflow_id\": \"%1$s-b\", \"campaign_id\": \"%1$s\", \"name\": \"no time\"}".formatted(received));
        QueryFixtures.store("{\"workflow_id\": \"%1$s-a\", \"campaign_id\": \"%1$s\", \"name\": \"no time\"}".formatted(received));
        QueryFixtures.store(IntStream.rangeClosed(1, 101)
                .mapToObj(i -> "{\"workflow_id\": \"%1$s-%2$03d\", \"campaign_id\": \"%1$s\", \"utc_timestamp\": %2$d}".formatted(many, i))
                .toList());
        QueryFixtures.store(
                """
                {"workflow_id": "%1$s-1", "campaign_id": "%1$s", "user": "o'brien; --", "name": "a \\"b\\" \\\\c",
                 "subtype": "x')::text", "status": "FINISHED", "environment_id": "env' or '1'='1", "utc_timestamp": 1,
                 "used": {"k'); drop table workflows; --": "v1", "semi;colon": 2, "plain": 3}}
                """.formatted(crafted),
                """
                {"workflow_id": "%1$s-2", "campaign_id": "%1$s", "user": "ann", "name": "train", "utc_timestamp": 2,
                 "used": {"plain": 4}}
                """.formatted(crafted));
    }

    List<String> ids(Map<String, ?> params) {
        return list(params).stream().map(id -> id.substring(c.length() + 1)).toList();
    }

    @Test
    void eachFieldParameter() {
        assertEquals(List.of("3", "2", "1"), ids(Map.of("campaign_id", c)));
        assertEquals(List.of("4"), ids(Map.of("campaign_id", other)));
        assertEquals(List.of("3", "1"), ids(Map.of("campaign_id", c, "user", "ann")));
        assertEquals(List.of("3", "2"), ids(Map.of("parent_workflow_id", c + "-1")));
        assertEquals(List.of("2"), ids(Map.of("campaign_id", c, "name", "eval")));
        assertEquals(List.of("3"), ids(Map.of("campaign_id", c, "subtype", "data_prep")));
        assertEquals(List.of("2"), ids(Map.of("campaign_id", c, "status", "ERROR")));
        assertEquals(List.of("2"), ids(Map.of("campaign_id", c, "environment_id", "summit")));
        assertEquals(List.of("3", "1"), ids(Map.of("campaign_id", c, "environment_id", "frontier", "user", "ann")));
        assertEquals(List.of(), ids(Map.of("campaign_id", c, "user", "nobody")));
    }

    @Test
    void sinceAndUntilOnTheSortTime() {
        // Sort time: utc_timestamp, else started_at (record 2), never started_at when utc_timestamp exists (record 3).
        assertEquals(List.of("3", "2"), ids(Map.of("campaign_id", c, "since", "1700000100")));
        assertEquals(List.of("2", "1"), ids(Map.of("campaign_id", c, "until", "1700000200.5")));
        assertEquals(List.of("3"), ids(Map.of("campaign_id", c, "since", "1700000200.5")));
        assertEquals(List.of("2"), ids(Map.of("campaign_id", c, "since", "2023-11-14T22:15:00Z", "until", "2023-11-14T22:16:00Z")));
        assertEquals(List.of("2"), ids(Map.of("campaign_id", c, "since", "2023-11-14T23:15:00+01:00", "until", "2023-11-14T23:16:00+01:00")));
        assertEquals(List.of(), ids(Map.of("campaign_id", c, "since", "1700000300", "until", "1700000000")));
    }

    @Test
    void filterJsonCombinesWithTheOtherParameters() {
        assertEquals(List.of("3", "1"), ids(Map.of("campaign_id", c, "filter_json", "{\"status\": {\"$in\": [\"FINISHED\", \"RUNNING\"]}}")));
        assertEquals(List.of("1"), ids(Map.of("user", "ann", "filter_json", "{\"used.epochs\": {\"$gte\": 5}, \"campaign_id\": \"" + c + "\"}")));
        assertEquals(List.of("2"), ids(Map.of("campaign_id", c, "filter_json", "{\"$or\": [{\"status\": \"ERROR\"}, {\"name\": \"none\"}]}")));
    }

    @Test
    void limitAndProjection() {
        assertEquals(List.of("3", "2"), ids(Map.of("campaign_id", c, "limit", "2")));
        given().queryParam("campaign_id", c).queryParam("limit", "1").queryParam("projection", "name, used.epochs")
                .get("/api/v1/workflows").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].workflow_id", equalTo(c + "-3"))
                .body("items[0].name", equalTo("train"))
                .body("items[0]", not(hasKey("user")))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
        given().queryParam("campaign_id", c).get("/api/v1/workflows").then().statusCode(200)
                .body("next_cursor", nullValue()).body("items[0].user", equalTo("ann"));
    }

    @Test
    void withoutFieldParametersOtherCampaignsAreListedToo() {
        List<String> all = QueryFixtures.walkGet("/api/v1/workflows", Map.of("since", "1700000000", "until", "1700000301", "limit", "2"));
        List<String> mine = all.stream().filter(id -> id.startsWith(c)).map(id -> id.substring(c.length() + 1)).toList();
        assertEquals(List.of("4", "3", "2", "1"), mine);
    }

    /** received_at of a stored record in epoch seconds, read from the table itself (microseconds). */
    static BigDecimal receivedAt(String workflowId) throws Exception {
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("select extract(epoch from received_at) from workflows where workflow_id = ?")) {
            select.setString(1, workflowId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), workflowId + " is not stored");
                return row.getBigDecimal(1);
            }
        }
    }

    List<String> receivedIds(Map<String, ?> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("campaign_id", received);
        return list(all).stream().map(id -> id.substring(received.length() + 1)).toList();
    }

    @Test
    void withoutUtcTimestampOrStartedAtTheSortTimeIsReceivedAt() throws Exception {
        BigDecimal a = receivedAt(received + "-a");
        BigDecimal b = receivedAt(received + "-b");
        assertTrue(a.compareTo(b) > 0, "a was received after b: " + a + " > " + b);
        BigDecimal micro = new BigDecimal("0.000001");
        // Newest first: the received times sit between 2023 (utc_timestamp, started_at) and 2096.
        assertEquals(List.of("future", "a", "b", "start", "old"), receivedIds(Map.of()));
        assertEquals(List.of(received + "-future", received + "-a", received + "-b", received + "-start", received + "-old"),
                QueryFixtures.ids("{\"filter\": {\"campaign_id\": \"" + received + "\"}}"));
        // since is inclusive and until exclusive, on received_at to the microsecond.
        assertEquals(List.of("b"), receivedIds(Map.of("since", b.toPlainString(), "until", a.toPlainString())));
        assertEquals(List.of("future", "a"), receivedIds(Map.of("since", b.add(micro).toPlainString())));
        assertEquals(List.of("b", "start", "old"), receivedIds(Map.of("until", b.add(micro).toPlainString())));
        assertEquals(List.of("a", "b"), receivedIds(Map.of("since", "1704067200", "until", "3786912000")));
        assertEquals(List.of("a", "b"), receivedIds(Map.of("since", "2024-01-01T00:00:00Z", "until", "2090-01-01T00:00:00Z")));
    }

    @Test
    void theDefaultLimitIs100() {
        JsonPath first = given().queryParam("campaign_id", many).get("/api/v1/workflows")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = first.getList("items.workflow_id");
        assertEquals(100, ids.size());
        assertEquals(many + "-101", ids.get(0));
        assertEquals(many + "-002", ids.get(99));
        String cursor = first.getString("next_cursor");
        assertNotNull(cursor);
        given().queryParam("campaign_id", many).queryParam("cursor", cursor).get("/api/v1/workflows")
                .then().statusCode(200)
                .body("items.workflow_id", equalTo(List.of(many + "-001")))
                .body("next_cursor", nullValue());
        // The query body's default limit is the same.
        QueryFixtures.query("{\"filter\": {\"campaign_id\": \"" + many + "\"}}").statusCode(200)
                .body("items.size()", equalTo(100))
                .body("next_cursor", notNullValue());
    }

    @Test
    void fieldParametersAndProjectionCraftedAsSqlAreJustData() {
        String one = crafted + "-1";
        // Each value matches exactly the record that holds it, and nothing else.
        assertEquals(List.of(one), list(Map.of("user", "o'brien; --")));
        assertEquals(List.of(one), list(Map.of("campaign_id", crafted, "name", "a \"b\" \\c")));
        assertEquals(List.of(one), list(Map.of("subtype", "x')::text")));
        assertEquals(List.of(one), list(Map.of("environment_id", "env' or '1'='1")));
        assertEquals(List.of(), list(Map.of("user", "x' or 1=1 --")));
        assertEquals(List.of(), list(Map.of("user", "ann' or '1'='1")));
        assertEquals(List.of(), list(Map.of("campaign_id", crafted + "' or '1'='1")));
        assertEquals(List.of(), list(Map.of("campaign_id", crafted + "'; --")));
        assertEquals(List.of(), list(Map.of("campaign_id", crafted, "name", "train') or true --")));
        assertEquals(List.of(), list(Map.of("campaign_id", crafted, "name", "\\")));
        assertEquals(List.of(), list(Map.of("campaign_id", crafted, "name", "\"")));
        assertEquals(List.of(), list(Map.of("status", "FINISHED' or 1=1; --")));
        assertEquals(List.of(), list(Map.of("parent_workflow_id", "'; select pg_sleep(10); --")));
        // Projection paths are keys to look up, never SQL.
        JsonPath projected = given().queryParam("campaign_id", crafted).queryParam("user", "o'brien; --")
                .queryParam("projection", "used.k'); drop table workflows; --,used.semi;colon,name,name')::text,used.a\"b\\c")
                .get("/api/v1/workflows").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("workflow_id", one, "name", "a \"b\" \\c",
                        "used", Map.of("k'); drop table workflows; --", "v1", "semi;colon", 2)),
                projected.getMap("items[0]"));
        assertEquals(1, projected.getList("items").size());
        // Times and limits that read like SQL are 400s.
        given().queryParam("since", "1' or '1'='1").get("/api/v1/workflows").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/since"));
        given().queryParam("limit", "1; drop table workflows").get("/api/v1/workflows").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/limit"));
        // Everything is still there.
        assertEquals(List.of(crafted + "-2", one), list(Map.of("campaign_id", crafted)));
    }
}
