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

    /**
     * An equality under {@code used} pages exactly whichever plan each page takes: walked at once
     * where the 1,000 rows after the cursor hold matches (the newest 100 records, every other one
     * a match), collected through the GIN index where they hold none (the oldest 100, below 1,400
     * records that do not match; store/QueryPlanTest checks which plan runs), with records
     * inserted between pages, newer than the walk's position and among the old matches.
     */
    @Test
    void usedEqualityPagesExactlyWhicheverPlanEachPageTakes() {
        String campaign = "pu-" + UUID.randomUUID();
        String token = "k-" + campaign;
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            boolean match = i < 100 || (i >= 1500 && i % 2 == 0);
            records.add("{\"workflow_id\": \"%s-%04d\", \"campaign_id\": \"%s\", \"utc_timestamp\": %d, \"used\": {\"k\": \"%s\"}}"
                    .formatted(campaign, i, campaign, 1500000000 + i, match ? token : "other"));
        }
        QueryFixtures.store(records);
        int[] pages = {0};
        List<Map<String, Object>> walked = walkQuery("{\"used.k\": \"" + token + "\"}", 7, () -> {
            int n = pages[0]++;
            QueryFixtures.store(
                    "{\"workflow_id\": \"%s-new%02d\", \"utc_timestamp\": %d, \"used\": {\"k\": \"%s\"}}".formatted(campaign, n, 1500002000 + n, token),
                    "{\"workflow_id\": \"%s-old%02d\", \"utc_timestamp\": %d, \"used\": {\"k\": \"%s\"}}".formatted(campaign, n, 1500000000 + n, token));
        });
        List<String> ids = walked.stream().map(item -> (String) item.get("workflow_id")).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a record came twice: " + ids);
        for (int i = 0; i < 1600; i++) {
            boolean match = i < 100 || (i >= 1500 && i % 2 == 0);
            assertEquals(match, ids.contains("%s-%04d".formatted(campaign, i)), "record " + i);
        }
        List<Map<String, Object>> ordered = new ArrayList<>(walked);
        ordered.sort(NEWEST_FIRST);
        assertEquals(ordered.stream().map(item -> item.get("workflow_id")).toList(), ids);
        assertTrue(ids.stream().noneMatch(id -> id.contains("-new")), "a record newer than the walk's position was returned");
    }

    /** Walks every page of POST /api/v1/workflows/query for {@code filter}; after each page, runs {@code between}. */
    static List<Map<String, Object>> walkQuery(String filter, int limit, Runnable between) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            JsonPath json = QueryFixtures.query("{\"filter\": " + filter + ", \"limit\": " + limit
                    + (cursor == null ? "" : ", \"cursor\": \"" + cursor + "\"") + "}").statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = json.getList("items");
            assertTrue(items.size() <= limit, "page of " + items.size());
            all.addAll(items);
            cursor = json.getString("next_cursor");
            if (cursor == null) {
                return all;
            }
            between.run();
        }
        throw new AssertionError("paging did not end");
    }

    static List<String> walkQuery(String filter, int limit) {
        return walkQuery(filter, limit, () -> { }).stream().map(item -> (String) item.get("workflow_id")).toList();
    }

    /** Whether {@code value} is one of {@code values} (never null). */
    static boolean oneOf(Object value, String... values) {
        return value != null && List.of(values).contains(value);
    }

    /** Newest first: utc_timestamp descending, then workflow_id descending (all ids here share a prefix, so Java and PostgreSQL agree). */
    static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
            .comparing((Map<String, Object> item) -> new java.math.BigDecimal(item.get("utc_timestamp").toString())).reversed()
            .thenComparing(item -> (String) item.get("workflow_id"), Comparator.reverseOrder());

    @Test
    void inOfSeveralCampaignsWalksEveryMatchOnceNewestFirst() {
        String base = "pin-" + UUID.randomUUID();
        List<String> campaigns = List.of(base + "-a", base + "-b", base + "-c");
        List<Map<String, Object>> expected = new ArrayList<>();
        for (String campaign : campaigns) {
            // The same sort times in each campaign: pages must interleave them, ties broken by workflow_id.
            QueryFixtures.store(records(campaign, 40, 0));
            for (int i = 0; i < 40; i++) {
                expected.add(Map.of("workflow_id", "%s-%03d".formatted(campaign, i), "utc_timestamp", 1600000000 + i / 10));
            }
        }
        QueryFixtures.store(records(base + "-d", 40, 0));
        expected.sort(NEWEST_FIRST);
        List<String> ids = expected.stream().map(item -> (String) item.get("workflow_id")).toList();
        // Repeated values: each range is read once.
        String filter = "{\"campaign_id\": {\"$in\": [\"%1$s-a\", \"%1$s-b\", \"%1$s-c\", \"%1$s-a\", \"%1$s-c\"]}}".formatted(base);
        assertEquals(ids, walkQuery(filter, 7));
        assertEquals(ids, walkQuery(filter, 5));
        assertEquals(ids, QueryFixtures.ids("{\"filter\": " + filter + ", \"limit\": 1000}"));
        // The list endpoint says $in through filter_json.
        assertEquals(ids, QueryFixtures.walkGet("/api/v1/workflows", Map.of("filter_json", filter, "limit", "7")));
    }

    @Test
    void inWalksNeitherRepeatNorHideRecordsInsertedBetweenPages() {
        String base = "pin-" + UUID.randomUUID();
        QueryFixtures.store(records(base + "-a", 60, 0));
        QueryFixtures.store(records(base + "-b", 60, 0));
        int[] page = {0};
        List<Map<String, Object>> walked = walkQuery("{\"campaign_id\": {\"$in\": [\"%1$s-a\", \"%1$s-b\"]}}".formatted(base), 7, () -> {
            // Newer records in both campaigns, and ones with the sort times of the records being walked.
            QueryFixtures.store(records(base + "-a", 2, 1000 + page[0] * 2));
            QueryFixtures.store(records(base + "-b", 1, 2000 + page[0]));
            QueryFixtures.store("{\"workflow_id\": \"%s-a-x%03d\", \"campaign_id\": \"%s-a\", \"utc_timestamp\": %d}"
                    .formatted(base, page[0], base, 1600000000 + page[0] % 6));
            page[0]++;
        });
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> item : walked) {
            assertTrue(seen.add((String) item.get("workflow_id")), "returned twice: " + item.get("workflow_id"));
        }
        for (int i = 0; i < 60; i++) {
            assertTrue(seen.contains("%s-a-%03d".formatted(base, i)), "missed a-" + i);
            assertTrue(seen.contains("%s-b-%03d".formatted(base, i)), "missed b-" + i);
        }
        List<Map<String, Object>> ordered = new ArrayList<>(walked);
        ordered.sort(NEWEST_FIRST);
        assertEquals(ordered, walked);
    }

    @Test
    void inOnUserAndStatusAndBesideOtherConditions() {
        String base = "pin-" + UUID.randomUUID();
        // A sort-time window of its own, so that conditions on status and null can be tested alone.
        long t0 = 3_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000) * 1000L;
        String[] statuses = {"FINISHED", "ERROR", "RUNNING", "SUBMITTED", "WAITING"};
        List<Map<String, Object>> all = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Map<String, Object> item = new java.util.HashMap<>();
            item.put("workflow_id", "%s-%03d".formatted(base, i));
            item.put("utc_timestamp", t0 + i / 2);
            item.put("status", statuses[i % 5]);
            item.put("used", Map.of("i", i));
            if (i % 11 != 0) {
                item.put("campaign_id", base + "-c" + i % 3);
            }
            if (i % 7 != 0) {
                item.put("user", base + "-u" + i % 4);
            }
            all.add(item);
            records.add(QueryJson.MAPPER.valueToTree(item).toString());
        }
        QueryFixtures.store(records);
        all.sort(NEWEST_FIRST);
        String window = "\"utc_timestamp\": {\"$gte\": " + t0 + ", \"$lt\": " + (t0 + 1000) + "}";
        java.util.function.BiConsumer<String, java.util.function.Predicate<Map<String, Object>>> walks = (filter, matches) -> {
            List<String> expected = all.stream().filter(matches).map(item -> (String) item.get("workflow_id")).toList();
            assertTrue(expected.size() > 4, filter);
            assertEquals(expected, walkQuery(filter, 4), filter);
        };
        String c0 = base + "-c0";
        String c1 = base + "-c1";
        walks.accept("{\"campaign_id\": {\"$in\": [\"" + c0 + "\", \"" + c1 + "\"]}, \"status\": \"ERROR\"}",
                item -> oneOf(item.get("campaign_id"), c0, c1) && item.get("status").equals("ERROR"));
        walks.accept("{\"$and\": [{\"campaign_id\": {\"$in\": [\"" + c0 + "\", \"" + c1 + "\"]}}, {\"status\": {\"$in\": [\"ERROR\", \"RUNNING\"]}}]}",
                item -> oneOf(item.get("campaign_id"), c0, c1) && oneOf(item.get("status"), "ERROR", "RUNNING"));
        walks.accept("{\"user\": {\"$in\": [\"" + base + "-u1\", \"" + base + "-u2\", \"" + base + "-u1\"]}}",
                item -> oneOf(item.get("user"), base + "-u1", base + "-u2"));
        walks.accept("{\"user\": {\"$in\": [\"" + base + "-u1\", null]}, " + window + "}",
                item -> item.get("user") == null || item.get("user").equals(base + "-u1"));
        walks.accept("{\"status\": {\"$in\": [\"ERROR\", \"RUNNING\"]}, " + window + "}",
                item -> oneOf(item.get("status"), "ERROR", "RUNNING"));
        walks.accept("{\"campaign_id\": {\"$in\": [null, \"" + c0 + "\"]}, " + window + "}",
                item -> item.get("campaign_id") == null || item.get("campaign_id").equals(c0));
        walks.accept("{\"campaign_id\": {\"$in\": [\"" + c0 + "\"]}}", item -> c0.equals(item.get("campaign_id")));
        // A number never equals the (string) campaign_id; an empty $in matches nothing.
        walks.accept("{\"campaign_id\": {\"$in\": [\"" + c0 + "\", 5]}}", item -> c0.equals(item.get("campaign_id")));
        assertEquals(List.of(), walkQuery("{\"campaign_id\": {\"$in\": []}, " + window + "}", 4));
        // The list endpoint: a field parameter beside filter_json.
        List<String> errorsOfU1U2 = all.stream().filter(item -> oneOf(item.get("user"), base + "-u1", base + "-u2")
                && item.get("status").equals("ERROR")).map(item -> (String) item.get("workflow_id")).toList();
        assertEquals(errorsOfU1U2, QueryFixtures.walkGet("/api/v1/workflows", Map.of("status", "ERROR", "limit", "2",
                "filter_json", "{\"user\": {\"$in\": [\"" + base + "-u1\", \"" + base + "-u2\"]}}")));
        // Projection: the same rows, only the named paths.
        JsonPath projected = QueryFixtures.query("{\"filter\": {\"campaign_id\": {\"$in\": [\"" + c0 + "\", \"" + c1 + "\"]}},"
                + " \"projection\": [\"status\"], \"limit\": 3}").statusCode(200).extract().jsonPath();
        Map<String, Object> first = all.stream().filter(item -> oneOf(item.get("campaign_id"), c0, c1)).findFirst().orElseThrow();
        assertEquals(Map.of("workflow_id", first.get("workflow_id"), "status", first.get("status")), projected.getMap("items[0]"));
        assertEquals(3, projected.getList("items").size());
        assertNotNull(projected.getString("next_cursor"));
        // Paths under used read their own column (V4), in the projection and in the rest of the filter.
        JsonPath usedProjected = QueryFixtures.query("{\"filter\": {\"campaign_id\": {\"$in\": [\"" + c0 + "\", \"" + c1 + "\"]},"
                + " \"used.i\": {\"$gte\": 10}}, \"projection\": [\"used.i\"], \"limit\": 2}").statusCode(200).extract().jsonPath();
        Map<String, Object> newest = all.stream().filter(item -> oneOf(item.get("campaign_id"), c0, c1)).findFirst().orElseThrow();
        assertEquals(Map.of("workflow_id", newest.get("workflow_id"), "used", newest.get("used")), usedProjected.getMap("items[0]"));
    }

    @Test
    void inPagesStopBeforeTheResponseLimit() {
        String base = "pin-big-" + UUID.randomUUID();
        String filler = "x".repeat(900_000);
        for (int i = 0; i < 6; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"workflow_id\": \"%s-%d\", \"campaign_id\": \"%s-%s\", \"utc_timestamp\": %d, \"used\": {\"blob\": \"%s\"}}"
                            .formatted(base, i, base, i % 2 == 0 ? "a" : "b", 1500000000 + i, filler))
                    .post("/api/v1/workflows").then().statusCode(201);
        }
        String filter = "{\"campaign_id\": {\"$in\": [\"%1$s-a\", \"%1$s-b\"]}}".formatted(base);
        // 4 MiB default: four 900 KB records fit, the fifth would not.
        var first = QueryFixtures.query("{\"filter\": " + filter + "}").statusCode(200).extract();
        assertTrue(first.asByteArray().length <= 4194304, "page of " + first.asByteArray().length + " bytes");
        JsonPath page = first.jsonPath();
        assertEquals(List.of(base + "-5", base + "-4", base + "-3", base + "-2"), page.getList("items.workflow_id"));
        QueryFixtures.query("{\"filter\": " + filter + ", \"cursor\": \"" + page.getString("next_cursor") + "\"}").statusCode(200)
                .body("items.workflow_id", equalTo(List.of(base + "-1", base + "-0")))
                .body("next_cursor", nullValue());
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
