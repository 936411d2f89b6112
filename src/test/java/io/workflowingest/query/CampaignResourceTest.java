package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/campaigns and /api/v1/campaigns/{campaign_id}. */
@QuarkusTest
class CampaignResourceTest {

    static final String K = "camp-" + UUID.randomUUID();
    /** Campaign ids that read like SQL start with this. */
    static final String Q = "camp-sql-" + UUID.randomUUID();
    static boolean stored;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        stored = true;
        QueryFixtures.store(
                "{\"workflow_id\": \"%1$s-1\", \"campaign_id\": \"%1$s-a\", \"user\": \"ann\", \"status\": \"FINISHED\", \"utc_timestamp\": 100.25}".formatted(K),
                "{\"workflow_id\": \"%1$s-2\", \"campaign_id\": \"%1$s-a\", \"user\": \"bob\", \"status\": \"FINISHED\", \"utc_timestamp\": 200}".formatted(K),
                "{\"workflow_id\": \"%1$s-3\", \"campaign_id\": \"%1$s-a\", \"user\": \"ann\", \"status\": \"ERROR\", \"utc_timestamp\": 300}".formatted(K),
                "{\"workflow_id\": \"%1$s-4\", \"campaign_id\": \"%1$s-a\", \"utc_timestamp\": 50}".formatted(K),
                "{\"workflow_id\": \"%1$s-5\", \"campaign_id\": \"%1$s-b\", \"user\": \"cy\", \"status\": \"RUNNING\", \"utc_timestamp\": 7}".formatted(K),
                "{\"workflow_id\": \"%1$s-6\", \"campaign_id\": \"%1$s-c\", \"utc_timestamp\": 8}".formatted(K),
                "{\"workflow_id\": \"%1$s-7\", \"campaign_id\": \"%2$s-q'; drop table workflows; --\", \"user\": \"o'brien\", \"utc_timestamp\": 9}".formatted(K, Q),
                "{\"workflow_id\": \"%1$s-8\", \"campaign_id\": \"%2$s-q\\\"')::text or true --\", \"utc_timestamp\": 10}".formatted(K, Q));
    }

    @Test
    void summaryOfOneCampaign() {
        given().get("/api/v1/campaigns/{id}", K + "-a").then().statusCode(200).contentType("application/json")
                .body("campaign_id", equalTo(K + "-a"))
                .body("workflows", equalTo(4))
                .body("users", equalTo(List.of("ann", "bob")))
                .body("statuses", equalTo(Map.of("FINISHED", 2, "ERROR", 1)))
                .body("first_timestamp", equalTo(50))
                .body("last_timestamp", equalTo(300));
        given().get("/api/v1/campaigns/{id}", K + "-c").then().statusCode(200)
                .body("workflows", equalTo(1)).body("users", equalTo(List.of())).body("statuses", equalTo(Map.of()))
                .body("first_timestamp", equalTo(8));
    }

    @Test
    void unknownCampaignIs404() {
        given().get("/api/v1/campaigns/{id}", K + "-none").then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/api/v1/campaigns/%20x%20").then().statusCode(404);
    }

    @Test
    void listPagesThroughEveryCampaignOnceInOrder() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/campaigns").then().statusCode(200).extract().jsonPath();
            assertTrue(page.getList("items").size() <= 7);
            ids.addAll(page.getList("items.campaign_id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertEquals(ids.size(), new HashSet<>(ids).size());
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
        List<String> mine = ids.stream().filter(id -> id.startsWith(K)).toList();
        assertEquals(List.of(K + "-a", K + "-b", K + "-c"), mine);
        // Items are the same summaries.
        JsonPath all = given().queryParam("limit", 1000).get("/api/v1/campaigns").then().statusCode(200).extract().jsonPath();
        int index = all.<String>getList("items.campaign_id").indexOf(K + "-b");
        assertEquals(List.of("cy"), all.getList("items[" + index + "].users"));
        assertEquals(Map.of("RUNNING", 1), all.getMap("items[" + index + "].statuses"));
    }

    @Test
    void campaignIdsCraftedAsSqlAreJustData() {
        given().get("/api/v1/campaigns/{id}", Q + "-q'; drop table workflows; --").then().statusCode(200)
                .body("campaign_id", equalTo(Q + "-q'; drop table workflows; --"))
                .body("workflows", equalTo(1))
                .body("users", equalTo(List.of("o'brien")));
        given().get("/api/v1/campaigns/{id}", Q + "-q\"')::text or true --").then().statusCode(200)
                .body("campaign_id", equalTo(Q + "-q\"')::text or true --"))
                .body("workflows", equalTo(1))
                .body("first_timestamp", equalTo(10));
        // Percent-encoded ';' and quotes reach the look-up as part of the id.
        given().urlEncodingEnabled(false).get("/api/v1/campaigns/" + Q + "-q%27%3B%20drop%20table%20workflows%3B%20--")
                .then().statusCode(200).body("workflows", equalTo(1));
        // Campaigns nobody has, however they read, are 404s; never another campaign's summary.
        for (String id : List.of(K + "-a' or '1'='1", K + "-a'; --", K + "-a') or true --", K + "-a\" or \"\"=\"", K + "-a;",
                "' or 1=1 --", Q + "-q'")) {
            given().get("/api/v1/campaigns/{id}", id).then().statusCode(404).contentType("application/problem+json");
        }
        // A backslash breaks the id rules: 404 too.
        given().get("/api/v1/campaigns/{id}", K + "-a\\").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/campaigns/{id}", K + "-a").then().statusCode(200).body("workflows", equalTo(4));
    }
}
