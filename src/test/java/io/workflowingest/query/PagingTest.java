package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyset paging: every match exactly once, in order, also while records are inserted; cursors bound to their query. */
@QuarkusTest
class PagingTest {

    /** 250 records; many share a sort time, so the workflow_id tie-breaker is exercised. */
    static List<String> records(String campaign, int count, int from) {
        List<String> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add("{\"workflow_id\": \"%s-%03d\", \"campaign_id\": \"%s\", \"utc_timestamp\": %d, \"used\": {\"g\": %s, \"n\": %d}}"
                    .formatted(campaign, i, campaign, 1600000000 + i / 10, i % 7 == 0 ? "null" : i % 5 == 0 ? "\"s" + (i % 3) + "\"" : String.valueOf(i % 4), i));
        }
        return records;
    }

    @Test
    void walking250RecordsWithLimit7ReturnsEachOnceNewestFirst() {
        String campaign = "p-" + UUID.randomUUID();
        QueryFixtures.store(records(campaign, 250, 0));
        List<String> walked = QueryFixtures.walkGet("/api/v1/workflows", Map.of("campaign_id", campaign, "limit", "7"));
        assertEquals(250, walked.size());
        assertEquals(250, new HashSet<>(walked).size());
        List<String> expected = new ArrayList<>(walked);
        // Newest first: sort time descending, then workflow_id descending.
        expected.sort(Comparator.comparing((String id) -> Integer.parseInt(id.substring(id.length() - 3)) / 10).reversed()
                .thenComparing(Comparator.<String>reverseOrder()));
        assertEquals(expected, walked);
    }

    @Test
    void insertsBetweenPagesNeitherRepeatNorHideRecords() {
        String campaign = "p-" + UUID.randomUUID();
        QueryFixtures.store(records(campaign, 250, 0));
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            var request = given().queryParam("campaign_id", campaign).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath json = request.get("/api/v1/workflows").then().statusCode(200).extract().jsonPath();
            walked.addAll(json.getList("items.workflow_id"));
            cursor = json.getString("next_cursor");
            // New records, newer and older than the walk's position, and some with equal sort times.
            QueryFixtures.store(records(campaign, 3, 1000 + page * 3));
            QueryFixtures.store("{\"workflow_id\": \"%s-x%03d\", \"campaign_id\": \"%s\", \"utc_timestamp\": %d}"
                    .formatted(campaign, page, campaign, 1600000000 + (page * 7) % 25));
            page++;
        } while (cursor != null);
        Set<String> seen = new HashSet<>();
        for (String id : walked) {
            assertTrue(seen.add(id), "returned twice: " + id);
        }
        for (int i = 0; i < 250; i++) {
            assertTrue(seen.contains("%s-%03d".formatted(campaign, i)), "missed record " + i);
        }
    }

    @Test
    void customMixedDirectionSortWithMissingKeysPagesExactly() {
        String campaign = "p-" + UUID.randomUUID();
        QueryFixtures.store(records(campaign, 250, 0));
        String base = "{\"filter\": {\"campaign_id\": \"" + campaign + "\"}, \"sort\": [{\"field\": \"used.g\", \"order\": 1}, "
                + "{\"field\": \"utc_timestamp\", \"order\": -1}], \"limit\": %d%s}";
        List<String> all = QueryFixtures.ids(base.formatted(1000, ""));
        assertEquals(250, all.size());
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath json = QueryFixtures.query(base.formatted(7, cursor == null ? "" : ", \"cursor\": \"" + cursor + "\""))
                    .statusCode(200).extract().jsonPath();
            walked.addAll(json.getList("items.workflow_id"));
            cursor = json.getString("next_cursor");
        } while (cursor != null);
        assertEquals(all, walked);
        // Strings before numbers (jsonb order), missing/null last; then newest first; ties by id in the last key's direction.
        List<String> expected = new ArrayList<>(all);
        expected.sort(Comparator.comparing((String id) -> gRank(Integer.parseInt(id.substring(id.length() - 3))))
                .thenComparing(id -> -(Integer.parseInt(id.substring(id.length() - 3)) / 10))
                .thenComparing(Comparator.reverseOrder()));
        assertEquals(expected, walked);
    }

    /** Rank of used.g of record i in ascending jsonb order, missing last. */
    static String gRank(int i) {
        if (i % 7 == 0) {
            return "3";
        }
        if (i % 5 == 0) {
            return "1s" + (i % 3);
        }
        return "2" + (i % 4);
    }

    @Test
    void aCursorOnlyContinuesItsOwnQuery() {
        String a = "p-" + UUID.randomUUID();
        String b = "p-" + UUID.randomUUID();
        QueryFixtures.store(records(a, 5, 0));
        QueryFixtures.store(records(b, 5, 0));
        String cursor = given().queryParam("campaign_id", a).queryParam("limit", 2).get("/api/v1/workflows")
                .then().statusCode(200).extract().jsonPath().getString("next_cursor");
        assertNotNull(cursor);
        given().queryParam("campaign_id", a).queryParam("limit", 3).queryParam("cursor", cursor).get("/api/v1/workflows")
                .then().statusCode(200).body("items.size()", equalTo(3));
        given().queryParam("campaign_id", b).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/workflows")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("invalid-cursor")).body("errors[0].pointer", equalTo("/cursor"))
                .body("detail", containsString("another query"));
        QueryFixtures.query("{\"filter\": {\"campaign_id\": \"" + a + "\"}, \"cursor\": \"" + cursor + "\"}")
                .statusCode(400).body("type", equalTo("invalid-cursor"));
        given().queryParam("value", "x").queryParam("cursor", cursor).get("/api/v1/artifacts")
                .then().statusCode(400).body("type", equalTo("invalid-cursor"));
        // An edited cursor is refused, whichever byte changed.
        byte[] raw = java.util.Base64.getUrlDecoder().decode(cursor);
        String json = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        String edited = json.replaceFirst("\"id\":\"" + a, "\"id\":\"" + a + "-zzz");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().queryParam("campaign_id", a).queryParam("cursor", forged).get("/api/v1/workflows")
                .then().statusCode(400).body("type", equalTo("invalid-cursor"));
        given().queryParam("campaign_id", a).queryParam("cursor", cursor.substring(1)).get("/api/v1/workflows")
                .then().statusCode(400).body("type", equalTo("invalid-cursor"));
    }

    @Test
    void aPageStopsBeforeTheResponseLimit() {
        String campaign = "p-big-" + UUID.randomUUID();
        String filler = "x".repeat(900_000);
        for (int i = 0; i < 6; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"workflow_id\": \"%s-%d\", \"campaign_id\": \"%s\", \"utc_timestamp\": %d, \"used\": {\"blob\": \"%s\"}}"
                            .formatted(campaign, i, campaign, 1500000000 + i, filler))
                    .post("/api/v1/workflows").then().statusCode(201);
        }
        // 4 MiB default: four 900 KB records fit, the fifth would not.
        var first = given().queryParam("campaign_id", campaign).get("/api/v1/workflows").then().statusCode(200).extract();
        assertTrue(first.asByteArray().length <= 4194304, "page of " + first.asByteArray().length + " bytes");
        JsonPath page = first.jsonPath();
        assertEquals(List.of(campaign + "-5", campaign + "-4", campaign + "-3", campaign + "-2"), page.getList("items.workflow_id"));
        given().queryParam("campaign_id", campaign).queryParam("cursor", page.getString("next_cursor")).get("/api/v1/workflows")
                .then().statusCode(200)
                .body("items.workflow_id", equalTo(List.of(campaign + "-1", campaign + "-0")))
                .body("next_cursor", nullValue());
    }
}
