package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.workflowingest.query.QueryFixtures.list;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /api/v1/workflows: each parameter, alone and combined, newest first. */
@QuarkusTest
class WorkflowListResourceTest {

    static final String c = "l-" + UUID.randomUUID();
    static final String other = "l-other-" + UUID.randomUUID();
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
}
