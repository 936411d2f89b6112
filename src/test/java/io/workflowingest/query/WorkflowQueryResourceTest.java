package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.workflowingest.query.QueryFixtures.ids;
import static io.workflowingest.query.QueryFixtures.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/v1/workflows/query: every operator and its semantics, projections, sorts. */
@QuarkusTest
class WorkflowQueryResourceTest {

    static final String c = "q-" + UUID.randomUUID();
    static boolean stored;

    @BeforeEach
    void store() {
        if (stored) {
            return;
        }
        stored = true;
        QueryFixtures.store(
                """
                {"workflow_id": "%1$s-1", "campaign_id": "%1$s", "name": "alpha", "user": "alice", "status": "FINISHED",
                 "utc_timestamp": 1000,
                 "used": {"epochs": 10, "lr": 0.001, "dataset": "/data/a", "tags": ["x", "y"], "nested": {"deep": {"k": "v"}}}}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-2", "campaign_id": "%1$s", "name": "beta", "user": "bob", "status": "ERROR",
                 "utc_timestamp": 2000, "used": {"epochs": "10", "dataset": "/data/b"}}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-3", "campaign_id": "%1$s", "name": "gamma", "user": "alice", "status": "RUNNING",
                 "utc_timestamp": 3000, "used": {"epochs": 3}, "custom_metadata": {"tags": {"team": "ml"}}}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-4", "campaign_id": "%1$s", "name": "delta", "user": "carol",
                 "utc_timestamp": 4000, "used": {"epochs": 20, "flag": true, "obj": {"a": 1, "b": [1, 2]}}}
                """.formatted(c),
                """
                {"workflow_id": "%1$s-5", "campaign_id": "%1$s", "name": "Epsilon",
                 "utc_timestamp": 5000, "used": {"epochs": null, "we'ird key": "x'); drop table workflows; --",
                 "back\\\\slash": "C:\\\\temp\\\\", "semi;colon": "a;b--c", "quote\\"d": "say \\"hi\\""}}
                """.formatted(c));
    }

    /** The suffixes (1..5) of the workflows of this class's campaign that match {@code filter}, in id order. */
    List<String> match(String filter) {
        String body = "{\"filter\": {\"$and\": [{\"campaign_id\": \"" + c + "\"}, " + filter + "]},"
                + " \"sort\": [{\"field\": \"workflow_id\", \"order\": 1}], \"limit\": 1000}";
        return ids(body).stream().map(id -> id.substring(c.length() + 1)).toList();
    }

    @Test
    void equalityOnFilterColumnsAndNestedPaths() {
        assertEquals(List.of("1", "3"), match("{\"user\": \"alice\"}"));
        assertEquals(List.of("2"), match("{\"status\": \"ERROR\"}"));
        assertEquals(List.of("1"), match("{\"used.nested.deep.k\": \"v\"}"));
        assertEquals(List.of("3"), match("{\"custom_metadata.tags.team\": \"ml\"}"));
        assertEquals(List.of("1"), match("{\"used.dataset\": \"/data/a\", \"user\": \"alice\"}"));
        assertEquals(List.of("1"), match("{\"used.epochs\": {\"$eq\": 10}}"));
        assertEquals(List.of("4"), match("{\"used.flag\": true}"));
        assertEquals(List.of("1"), match("{\"used.lr\": 0.001}"));
        assertEquals(List.of("1"), match("{\"used.lr\": 1e-3}"));
        assertEquals(List.of(), match("{\"used.nested.deep.k\": \"V\"}"));
    }

    /**
     * Filters on used and generated read a copy of those members kept by the database (V4): it
     * follows every merge, and a record without them matches exactly as the document says.
     */
    @Test
    void usedAndGeneratedFiltersFollowMergedRecords() {
        String m = "m-" + UUID.randomUUID();
        QueryFixtures.store(
                """
                {"workflow_id": "%1$s-1", "campaign_id": "%1$s", "utc_timestamp": 1,
                 "used": {"dataset": "/data/old"}, "generated": {"model": "/m/old.pt"}}
                """.formatted(m),
                """
                {"workflow_id": "%1$s-2", "campaign_id": "%1$s", "utc_timestamp": 2}
                """.formatted(m));
        String filter = "{\"filter\": {\"$and\": [{\"campaign_id\": \"" + m + "\"}, %s]}}";
        assertEquals(List.of(m + "-1"), ids(filter.formatted("{\"generated.model\": \"/m/old.pt\"}")));
        // The end record replaces used and generated (top-level fields: last writer wins).
        QueryFixtures.store("""
                {"workflow_id": "%1$s-1", "status": "FINISHED", "used": {"dataset": "/data/new"},
                 "generated": {"model": "/m/new.pt", "accuracy": 0.9}}
                """.formatted(m));
        assertEquals(List.of(), ids(filter.formatted("{\"generated.model\": \"/m/old.pt\"}")));
        assertEquals(List.of(), ids(filter.formatted("{\"used.dataset\": \"/data/old\"}")));
        assertEquals(List.of(m + "-1"), ids(filter.formatted("{\"generated\": {\"model\": \"/m/new.pt\", \"accuracy\": 0.9}}")));
        assertEquals(List.of(m + "-1"), ids(filter.formatted("{\"used.dataset\": {\"$in\": [\"/data/x\", \"/data/new\"]}}")));
        assertEquals(List.of(m + "-1"), ids(filter.formatted("{\"generated.accuracy\": {\"$gt\": 0.5}}")));
        // Absent members: null and $exists read them as absent, $ne matches them.
        assertEquals(List.of(m + "-2"), ids(filter.formatted("{\"used\": null}")));
        assertEquals(List.of(m + "-2"), ids(filter.formatted("{\"generated\": {\"$exists\": false}}")));
        assertEquals(List.of(m + "-2", m + "-1"), ids(filter.formatted("{\"used.dataset\": {\"$ne\": \"/data/old\"}}")));
        // Projections and sorts on those paths read the same values.
        query("{\"filter\": {\"workflow_id\": \"" + m + "-1\"}, \"projection\": [\"generated.model\"]}")
                .statusCode(200)
                .body("items[0].generated.model", equalTo("/m/new.pt"))
                .body("items[0].generated", not(hasKey("accuracy")));
    }

    @Test
    void numbersAndStringsNeverEqualOrCompare() {
        assertEquals(List.of("1"), match("{\"used.epochs\": 10}"));
        assertEquals(List.of("2"), match("{\"used.epochs\": \"10\"}"));
        assertEquals(List.of("1", "4"), match("{\"used.epochs\": {\"$gt\": 5}}"));
        assertEquals(List.of("1", "4"), match("{\"used.epochs\": {\"$gte\": 10}}"));
        assertEquals(List.of("3"), match("{\"used.epochs\": {\"$lt\": 10}}"));
        assertEquals(List.of("3"), match("{\"used.epochs\": {\"$lte\": 3}}"));
        assertEquals(List.of("1", "3"), match("{\"used.epochs\": {\"$gt\": 2, \"$lt\": 15}}"));
        assertEquals(List.of("2"), match("{\"used.epochs\": {\"$gte\": \"1\"}}"));
    }

    @Test
    void utcTimestampRangesMatchOnlyRecordsThatHaveOne() {
        // The translation adds the same bound on the indexed sort time (the sort time is
        // utc_timestamp where that is a number); a record whose sort time comes from started_at
        // or received_at must still not match a range on utc_timestamp, and $not must keep it.
        String t = "qt-" + UUID.randomUUID();
        QueryFixtures.store(
                "{\"workflow_id\": \"%1$s-a\", \"campaign_id\": \"%1$s\", \"utc_timestamp\": 1500}".formatted(t),
                "{\"workflow_id\": \"%1$s-b\", \"campaign_id\": \"%1$s\", \"utc_timestamp\": 2500.5}".formatted(t),
                "{\"workflow_id\": \"%1$s-c\", \"campaign_id\": \"%1$s\", \"started_at\": 2000}".formatted(t),
                "{\"workflow_id\": \"%1$s-d\", \"campaign_id\": \"%1$s\"}".formatted(t));
        java.util.function.Function<String, List<String>> inT = filter -> ids("{\"filter\": {\"$and\": [{\"campaign_id\": \"" + t + "\"}, "
                + filter + "]}, \"sort\": [{\"field\": \"workflow_id\", \"order\": 1}]}").stream()
                .map(id -> id.substring(t.length() + 1)).toList();
        assertEquals(List.of("b"), inT.apply("{\"utc_timestamp\": {\"$gte\": 2000, \"$lt\": 3000}}"));
        assertEquals(List.of("a", "b"), inT.apply("{\"utc_timestamp\": {\"$gt\": 1499.99}}"));
        assertEquals(List.of("b"), inT.apply("{\"utc_timestamp\": {\"$gte\": 2500.5, \"$lte\": 2500.5}}"));
        assertEquals(List.of(), inT.apply("{\"utc_timestamp\": {\"$gt\": 2500.5}}"));
        assertEquals(List.of("a", "c", "d"), inT.apply("{\"utc_timestamp\": {\"$not\": {\"$gte\": 2000}}}"));
        assertEquals(List.of("c"), inT.apply("{\"started_at\": {\"$lt\": 3000}}"));
    }

    @Test
    void stringsCompareByCodePoint() {
        // 'E' (U+0045) sorts before 'b' (U+0062): Epsilon is not after beta.
        assertEquals(List.of("3", "4"), match("{\"name\": {\"$gt\": \"beta\"}}"));
        assertEquals(List.of("1", "5"), match("{\"name\": {\"$lt\": \"beta\"}}"));
        assertEquals(List.of("2"), match("{\"name\": {\"$gte\": \"beta\", \"$lte\": \"beta\"}}"));
    }

    @Test
    void inAndNin() {
        assertEquals(List.of("1", "2"), match("{\"status\": {\"$in\": [\"FINISHED\", \"ERROR\"]}}"));
        assertEquals(List.of("1", "4", "5"), match("{\"status\": {\"$in\": [\"FINISHED\", null]}}"));
        assertEquals(List.of("3", "4"), match("{\"used.epochs\": {\"$in\": [3, 20]}}"));
        assertEquals(List.of("2", "5"), match("{\"used.epochs\": {\"$in\": [\"10\", null]}}"));
        assertEquals(List.of(), match("{\"used.epochs\": {\"$in\": []}}"));
        assertEquals(List.of("3", "4", "5"), match("{\"status\": {\"$nin\": [\"FINISHED\", \"ERROR\"]}}"));
        assertEquals(List.of("1", "2", "5"), match("{\"used.epochs\": {\"$nin\": [3, 20]}}"));
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{\"used.epochs\": {\"$nin\": []}}"));
    }

    @Test
    void neAndNinAlsoMatchAbsentPaths() {
        assertEquals(List.of("2", "3", "4", "5"), match("{\"status\": {\"$ne\": \"FINISHED\"}}"));
        assertEquals(List.of("2", "3", "4", "5"), match("{\"used.epochs\": {\"$ne\": 10}}"));
        assertEquals(List.of("1", "2", "4", "5"), match("{\"custom_metadata.tags.team\": {\"$ne\": \"ml\"}}"));
        assertEquals(List.of("1", "2", "3", "4"), match("{\"user\": {\"$ne\": null}}"));
    }

    @Test
    void notAlsoMatchesAbsentPaths() {
        // status is absent in 4 and 5: every present status is after "A", so only the absent ones match.
        assertEquals(List.of("4", "5"), match("{\"status\": {\"$not\": {\"$gt\": \"A\"}}}"));
        assertEquals(List.of("2", "3", "4", "5"), match("{\"status\": {\"$not\": {\"$eq\": \"FINISHED\"}}}"));
        assertEquals(List.of("3", "4", "5"), match("{\"status\": {\"$not\": {\"$in\": [\"FINISHED\", \"ERROR\"]}}}"));
        assertEquals(List.of("2", "4", "5"), match("{\"user\": {\"$not\": {\"$lt\": \"b\"}}}"));
        // A nested path absent in all but one record; one absent in every record.
        assertEquals(List.of("1", "2", "4", "5"), match("{\"custom_metadata.tags.team\": {\"$not\": {\"$regex\": \"^m\"}}}"));
        assertEquals(List.of("2", "3", "4", "5"), match("{\"used.nested.deep.k\": {\"$not\": {\"$eq\": \"v\"}}}"));
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{\"used.missing\": {\"$not\": {\"$gt\": 5}}}"));
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{\"used.missing\": {\"$not\": {\"$exists\": true}}}"));
        // The expression must not hold: $exists false and $ne do hold where the path is absent.
        assertEquals(List.of(), match("{\"used.missing\": {\"$not\": {\"$exists\": false}}}"));
        assertEquals(List.of("2"), match("{\"status\": {\"$not\": {\"$ne\": \"ERROR\"}}}"));
        assertEquals(List.of("4", "5"), match("{\"$and\": [{\"status\": {\"$not\": {\"$eq\": \"ERROR\"}}}, {\"user\": {\"$not\": {\"$eq\": \"alice\"}}}]}"));
    }

    @Test
    void existsAndNull() {
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{\"used.epochs\": {\"$exists\": true}}"));
        assertEquals(List.of("4", "5"), match("{\"status\": {\"$exists\": false}}"));
        assertEquals(List.of("3"), match("{\"custom_metadata.tags.team\": {\"$exists\": true}}"));
        // null matches JSON null and an absent field.
        assertEquals(List.of("5"), match("{\"used.epochs\": null}"));
        assertEquals(List.of("5"), match("{\"user\": null}"));
        assertEquals(List.of("2", "3", "4"), match("{\"used.nested\": null, \"used.epochs\": {\"$ne\": null}}"));
    }

    @Test
    void logicalOperators() {
        assertEquals(List.of("2", "3"), match("{\"$or\": [{\"user\": \"bob\"}, {\"used.epochs\": 3}]}"));
        assertEquals(List.of("4", "5"), match("{\"$nor\": [{\"user\": \"alice\"}, {\"status\": \"ERROR\"}]}"));
        assertEquals(List.of("3"), match("{\"$and\": [{\"user\": \"alice\"}, {\"$or\": [{\"status\": \"RUNNING\"}, {\"name\": \"zeta\"}]}]}"));
        assertEquals(List.of("2", "3", "5"), match("{\"used.epochs\": {\"$not\": {\"$gt\": 5}}}"));
        assertEquals(List.of("1", "4"), match("{\"used.epochs\": {\"$not\": {\"$not\": {\"$gt\": 5}}}}"));
        assertEquals(List.of("1", "2", "4", "5"), match("{\"$nor\": [{\"$and\": [{\"user\": \"alice\"}, {\"used.epochs\": {\"$lt\": 5}}]}]}"));
        assertEquals(List.of("1", "3"), match("{\"$or\": [{\"user\": {\"$in\": [\"alice\"]}}, {\"$nor\": [{\"used.epochs\": {\"$exists\": true}}]}]}"));
    }

    @Test
    void arraysAndObjectsCompareWhole() {
        assertEquals(List.of("1"), match("{\"used.tags\": [\"x\", \"y\"]}"));
        assertEquals(List.of(), match("{\"used.tags\": [\"y\", \"x\"]}"));
        // No implicit array traversal: "x" is an element of tags, not its value.
        assertEquals(List.of(), match("{\"used.tags\": \"x\"}"));
        assertEquals(List.of(), match("{\"used.tags\": {\"$in\": [\"x\", \"z\"]}}"));
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{\"used.tags\": {\"$ne\": \"x\"}}")); // ["x", "y"] is not "x"
        // A numeric segment is an object key, never an array index.
        assertEquals(List.of(), match("{\"used.tags.0\": \"x\"}"));
        assertEquals(List.of("4"), match("{\"used.obj\": {\"b\": [1, 2], \"a\": 1}}"));
        assertEquals(List.of("4"), match("{\"used.obj\": {\"$eq\": {\"a\": 1, \"b\": [1, 2]}}}"));
        // Containment is not equality: a part of the object does not match.
        assertEquals(List.of(), match("{\"used.obj\": {\"a\": 1}}"));
        assertEquals(List.of(), match("{\"used.obj.b\": [1]}"));
        assertEquals(List.of("4"), match("{\"used.obj.b\": [1, 2]}"));
    }

    @Test
    void regex() {
        assertEquals(List.of("1", "2"), match("{\"name\": {\"$regex\": \"^[ab]\"}}"));
        assertEquals(List.of("5"), match("{\"name\": {\"$regex\": \"(?i)^epsilon$\"}}"));
        // Only strings match a regex: 10 (a number) does not, "10" does.
        assertEquals(List.of("2"), match("{\"used.epochs\": {\"$regex\": \"1\"}}"));
        assertEquals(List.of("1", "3", "4", "5"), match("{\"name\": {\"$not\": {\"$regex\": \"^b\"}}}"));
    }

    @Test
    void projectionKeepsOnlyTheNamedPaths() {
        var json = query("{\"filter\": {\"workflow_id\": \"" + c + "-1\"}, \"projection\": [\"name\", \"used.epochs\", \"used.nested.deep\", \"no.such\"]}")
                .statusCode(200)
                .body("items[0].workflow_id", equalTo(c + "-1"))
                .body("items[0].name", equalTo("alpha"))
                .body("items[0].used.epochs", equalTo(10))
                .body("items[0].used.nested.deep.k", equalTo("v"))
                .body("items[0]", not(hasKey("no")))
                .body("items[0]", not(hasKey("user")))
                .body("items[0].used", not(hasKey("dataset")))
                .extract().jsonPath();
        assertEquals(3, json.getMap("items[0]").size());
        // JSON null is a value and is kept; a level with nothing present is left out.
        query("{\"filter\": {\"workflow_id\": \"" + c + "-5\"}, \"projection\": [\"used.epochs\", \"custom_metadata.tags\"]}")
                .statusCode(200)
                .body("items[0].used", hasKey("epochs"))
                .body("items[0].used.epochs", nullValue())
                .body("items[0]", not(hasKey("custom_metadata")));
        // A whole field wins over a deeper path of it.
        query("{\"filter\": {\"workflow_id\": \"" + c + "-1\"}, \"projection\": [\"used.epochs\", \"used\"]}")
                .statusCode(200)
                .body("items[0].used.dataset", equalTo("/data/a"));
    }

    @Test
    void storedDocumentsComeBackExactly() {
        query("{\"filter\": {\"workflow_id\": \"" + c + "-1\"}}")
                .statusCode(200)
                .body("items[0].used.lr", equalTo(0.001f))
                .body("next_cursor", nullValue());
        String raw = query("{\"filter\": {\"workflow_id\": \"" + c + "-1\"}}").extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(raw.contains("0.001"), raw);
    }

    @Test
    void sortByJsonValuesWithMissingLast() {
        String filter = "{\"campaign_id\": \"" + c + "\"}";
        // jsonb order: numbers after strings; a missing or null key is last in either direction.
        assertEquals(List.of(c + "-4", c + "-1", c + "-3", c + "-2", c + "-5"),
                ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"used.epochs\", \"order\": -1}]}"));
        assertEquals(List.of(c + "-2", c + "-3", c + "-1", c + "-4", c + "-5"),
                ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"used.epochs\", \"order\": 1}]}"));
        assertEquals(List.of(c + "-3", c + "-1", c + "-2", c + "-4", c + "-5"),
                ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"user\", \"order\": 1}, {\"field\": \"utc_timestamp\", \"order\": -1}]}"));
        assertEquals(List.of(c + "-4", c + "-2", c + "-1", c + "-3", c + "-5"),
                ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"user\", \"order\": -1}, {\"field\": \"utc_timestamp\", \"order\": 1}]}"));
    }

    @Test
    void defaultOrderIsNewestFirst() {
        assertEquals(List.of(c + "-5", c + "-4", c + "-3", c + "-2", c + "-1"),
                ids("{\"filter\": {\"campaign_id\": \"" + c + "\"}}"));
        assertEquals(List.of(c + "-5", c + "-4"), ids("{\"filter\": {\"campaign_id\": \"" + c + "\"}, \"limit\": 2}"));
    }

    @Test
    void valuesAndPathsCraftedAsSqlAreJustData() {
        assertEquals(List.of("5"), match("{\"used.we'ird key\": \"x'); drop table workflows; --\"}"));
        assertEquals(List.of("5"), match("{\"used.back\\\\slash\": \"C:\\\\temp\\\\\"}"));
        assertEquals(List.of("5"), match("{\"used.semi;colon\": {\"$regex\": \"^a;b--\"}}"));
        assertEquals(List.of("5"), match("{\"used.quote\\\"d\": {\"$in\": [\"say \\\"hi\\\"\"]}}"));
        assertEquals(List.of(), match("{\"name\": \"' or '1'='1\"}"));
        assertEquals(List.of(), match("{\"name\": \"alpha')::text or true --\"}"));
        assertEquals(List.of(), match("{\"used.epochs') or true; --\": 10}"));
        // A string operand compares with strings only: "10" is after "0'..." by code point.
        assertEquals(List.of("2"), match("{\"used.epochs\": {\"$gt\": \"0'; select pg_sleep(10); --\"}}"));
        assertEquals(List.of(), match("{\"user\": {\"$in\": [\"x' or 1=1 --\", \"\\\\\"]}}"));
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{\"used.$$\\\\'\": {\"$exists\": false}}".replace("$$", "a")));
        query("{\"filter\": {\"name\": {\"$gt'; drop table workflows; --\": 1}}}")
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("$gt'; drop table workflows; --"));
        query("{\"filter\": {\"$where\": \"sleep(1000)\"}}").statusCode(400).body("errors[0].pointer", equalTo("/filter/$where"));
        query("{\"filter\": {\"name\": \"a\\u0000b\"}}").statusCode(400).body("errors[0].pointer", equalTo("/filter/name"));
        query("{\"filter\": {\"na\\u0000me\": 1}}").statusCode(400).body("errors[0].pointer", equalTo("/filter/na\u0000me"));
        query("{\"filter\": {\"name\": \"\\ud800\"}}").statusCode(400).body("errors[0].pointer", equalTo("/filter/name"));
        // Everything is still there.
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{}"));
    }

    @Test
    void sortAndProjectionPathsCraftedAsSqlAreJustData() {
        String filter = "{\"campaign_id\": \"" + c + "\"}";
        // Each crafted path exists in record 5 only: it sorts first, the records missing it after, by workflow_id.
        for (String field : List.of("used.we'ird key", "used.semi;colon", "used.back\\\\slash", "used.quote\\\"d")) {
            assertEquals(List.of(c + "-5", c + "-1", c + "-2", c + "-3", c + "-4"),
                    ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"" + field + "\", \"order\": 1}]}"), field);
            assertEquals(List.of(c + "-5", c + "-4", c + "-3", c + "-2", c + "-1"),
                    ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"" + field + "\", \"order\": -1}]}"), field);
        }
        // Paths that would change the statement if they were SQL are missing keys: workflow_id order alone.
        for (String field : List.of("name') desc; --", "x')::text, (select pg_sleep(10)) --", "utc_timestamp desc; drop table workflows; --",
                "used.epochs\\\" desc")) {
            assertEquals(List.of(c + "-1", c + "-2", c + "-3", c + "-4", c + "-5"),
                    ids("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"" + field + "\", \"order\": 1}]}"), field);
        }
        // Paging on a crafted key carries it in the cursor and walks every record once.
        List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = query("{\"filter\": " + filter + ", \"sort\": [{\"field\": \"used.we'ird key\", \"order\": -1}], \"limit\": 2, \"cursor\": "
                    + (cursor == null ? "null" : "\"" + cursor + "\"") + "}").statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.workflow_id"));
            cursor = page.getString("next_cursor");
        } while (cursor != null && walked.size() < 10);
        assertEquals(List.of(c + "-5", c + "-4", c + "-3", c + "-2", c + "-1"), walked);
        // Projection: the crafted keys come back with their values, the crafted absent paths not at all.
        var item = query("{\"filter\": {\"workflow_id\": \"" + c + "-5\"}, \"projection\": [\"used.we'ird key\", \"used.semi;colon\","
                + " \"used.back\\\\slash\", \"used.quote\\\"d\", \"name')::text\", \"x'); drop table workflows; --\", \"used.epochs\\\" --\"]}")
                .statusCode(200).extract().jsonPath().getMap("items[0]");
        assertEquals(java.util.Map.of("workflow_id", c + "-5", "used", java.util.Map.of(
                "we'ird key", "x'); drop table workflows; --", "semi;colon", "a;b--c", "back\\slash", "C:\\temp\\", "quote\"d", "say \"hi\"")), item);
        query("{\"sort\": [{\"field\": \"name\", \"order\": \"1; drop table workflows\"}]}").statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("/sort/0/order"));
        query("{\"sort\": [{\"field\": \"name'; --\", \"order\": 1, \"nulls'; --\": 1}]}").statusCode(400)
                .contentType("application/problem+json");
        // Everything is still there.
        assertEquals(List.of("1", "2", "3", "4", "5"), match("{}"));
    }

    @Test
    void responsesAreJson() {
        query("{}").statusCode(200).contentType(ContentType.JSON);
    }
}
