package io.workflowingest.query;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.workflowingest.query.QueryFixtures.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Every 400 of the query endpoints: a problem+json that names the offending operator, path or parameter. */
@QuarkusTest
class QueryErrorsTest {

    static ValidatableResponse rejects(String body, String type, String pointer, String detailPart) {
        return query(body).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400), "type", equalTo(type), "request_id", notNullValue())
                .body("errors[0].pointer", equalTo(pointer))
                .body("detail", containsString(detailPart));
    }

    static void rejectsFilter(String filter, String pointer, String detailPart) {
        rejects("{\"filter\": " + filter + "}", "invalid-query", pointer, detailPart);
    }

    @Test
    void unknownOperatorsAreNamed() {
        rejectsFilter("{\"used.epochs\": {\"$where\": \"1\"}}", "/filter/used.epochs/$where", "'$where'");
        rejectsFilter("{\"$where\": \"sleep(1)\"}", "/filter/$where", "'$where'");
        rejectsFilter("{\"$expr\": {}}", "/filter/$expr", "'$expr'");
        rejectsFilter("{\"$not\": {\"name\": \"a\"}}", "/filter/$not", "$not applies to a field");
        rejectsFilter("{\"name\": {\"$size\": 1}}", "/filter/name/$size", "'$size'");
        rejectsFilter("{\"name\": {\"$options\": \"i\", \"$regex\": \"a\"}}", "/filter/name/$options", "'$options'");
        rejectsFilter("{\"$or\": [{\"a\": {\"$elemMatch\": {}}}]}", "/filter/$or/0/a/$elemMatch", "'$elemMatch'");
        rejectsFilter("{\"name\": {\"$gt\": 1, \"plain\": 2}}", "/filter/name/plain", "mixes operators");
    }

    @Test
    void badPathsAreNamed() {
        rejectsFilter("{\"used..epochs\": 1}", "/filter/used..epochs", "empty segment");
        rejectsFilter("{\"used.\": 1}", "/filter/used.", "empty segment");
        rejectsFilter("{\".used\": 1}", "/filter/.used", "empty segment");
        rejectsFilter("{\"\": 1}", "/filter/", "empty segment");
        rejectsFilter("{\"used.$epochs\": 1}", "/filter/used.$epochs", "starts with '$'");
        rejectsFilter("{\"a/b.~c\": {\"$gt\": []}}", "/filter/a~1b.~0c/$gt", "number or a string");
        rejectsFilter("{\"" + "a.".repeat(64) + "a\": 1}", "/filter/" + "a.".repeat(64) + "a", "more than 64 segments");
    }

    @Test
    void wrongOperandsAreNamed() {
        rejectsFilter("{\"used.epochs\": {\"$gt\": [5]}}", "/filter/used.epochs/$gt", "$gt");
        rejectsFilter("{\"used.epochs\": {\"$lte\": true}}", "/filter/used.epochs/$lte", "$lte");
        rejectsFilter("{\"used.epochs\": {\"$lt\": null}}", "/filter/used.epochs/$lt", "$lt");
        rejectsFilter("{\"used.epochs\": {\"$gte\": {\"a\": 1}}}", "/filter/used.epochs/$gte", "$gte");
        rejectsFilter("{\"status\": {\"$in\": \"FINISHED\"}}", "/filter/status/$in", "$in");
        rejectsFilter("{\"status\": {\"$nin\": [[\"a\"]]}}", "/filter/status/$nin/0", "scalars");
        rejectsFilter("{\"status\": {\"$in\": [{\"a\": 1}]}}", "/filter/status/$in/0", "scalars");
        rejectsFilter("{\"status\": {\"$exists\": 1}}", "/filter/status/$exists", "true or false");
        rejectsFilter("{\"status\": {\"$regex\": 5}}", "/filter/status/$regex", "string");
        rejectsFilter("{\"status\": {\"$not\": \"FINISHED\"}}", "/filter/status/$not", "operator expression");
        rejectsFilter("{\"status\": {\"$not\": {}}}", "/filter/status/$not", "operator expression");
        rejectsFilter("{\"$and\": {\"a\": 1}}", "/filter/$and", "non-empty array");
        rejectsFilter("{\"$or\": []}", "/filter/$or", "non-empty array");
        rejectsFilter("{\"$nor\": [1]}", "/filter/$nor/0", "must be a filter object");
        rejectsFilter("[]", "/filter", "JSON object");
        rejectsFilter("\"status\"", "/filter", "JSON object");
    }

    @Test
    void invalidRegexIsA400NotA500() {
        rejectsFilter("{\"name\": {\"$regex\": \"a(\"}}", "/filter/name/$regex", "regular expression");
        rejectsFilter("{\"$or\": [{\"name\": {\"$regex\": \"^ok$\"}}, {\"user\": {\"$not\": {\"$regex\": \"[z-a]\"}}}]}",
                "/filter/$or/1/user/$not/$regex", "regular expression");
        rejectsFilter("{\"name\": {\"$regex\": \"x{1,99999}\"}}", "/filter/name/$regex", "regular expression");
    }

    @Test
    void valuesPostgresqlCannotHoldAreRefused() {
        rejectsFilter("{\"name\": \"a\\u0000b\"}", "/filter/name", "NUL");
        rejectsFilter("{\"name\": {\"$in\": [\"ok\", \"\\u0000\"]}}", "/filter/name/$in/1", "NUL");
        rejectsFilter("{\"used\": {\"k\\u0000\": 1}}", "/filter/used/k\u0000", "NUL");
        rejectsFilter("{\"name\": \"\\udc00 lone\"}", "/filter/name", "surrogate");
        rejectsFilter("{\"used.lr\": 1e-20000}", "/filter/used.lr", "range");
        rejectsFilter("{\"used.lr\": {\"$gt\": 1e200000}}", "/filter/used.lr/$gt", "range");
    }

    @Test
    void sizeLimits() {
        String deep = "{\"a\": ".repeat(64) + "1" + "}".repeat(64);
        rejectsFilter("{\"x\": " + deep + "}", "/filter/x" + "/a".repeat(63), "deeper than 64");
        StringBuilder many = new StringBuilder("{\"$or\": [");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("{\"f").append(i).append("\": ").append(i).append("}");
        }
        rejectsFilter(many.append("]}").toString(), "/filter/$or/500/f500", "more than 500 conditions");
        StringBuilder in = new StringBuilder("{\"n\": {\"$in\": [0");
        for (int i = 1; i <= 1000; i++) {
            in.append(',').append(i);
        }
        rejectsFilter(in.append("]}}").toString(), "/filter/n/$in", "at most 1000");
    }

    @Test
    void badBodies() {
        query("not json").statusCode(400).contentType("application/problem+json").body("type", equalTo("malformed-json"));
        query("{\"filter\": {\"a\": 1, \"a\": 2}}").statusCode(400).body("type", equalTo("malformed-json"))
                .body("detail", containsString("Duplicate"));
        query("").statusCode(400);
        rejects("[]", "invalid-query", "", "JSON object");
        rejects("{\"filter\": {}, \"skip\": 10}", "invalid-query", "/skip", "Unknown field 'skip'");
        rejects("{\"limit\": 0}", "invalid-query", "/limit", "1 to 1000");
        rejects("{\"limit\": 1001}", "invalid-query", "/limit", "1 to 1000");
        rejects("{\"limit\": \"5\"}", "invalid-query", "/limit", "1 to 1000");
        rejects("{\"limit\": 2.5}", "invalid-query", "/limit", "1 to 1000");
        rejects("{\"sort\": {\"field\": \"name\"}}", "invalid-query", "/sort", "array");
        rejects("{\"sort\": [{\"field\": \"name\", \"order\": 2}]}", "invalid-query", "/sort/0/order", "1 (ascending) or -1");
        rejects("{\"sort\": [{\"field\": \"name\"}]}", "invalid-query", "/sort/0/order", "1 (ascending) or -1");
        rejects("{\"sort\": [{\"field\": \"name\", \"order\": 1, \"nulls\": \"first\"}]}", "invalid-query", "/sort/0/nulls", "Unknown field");
        rejects("{\"sort\": [{\"field\": \"a..b\", \"order\": 1}]}", "invalid-query", "/sort/0/field", "empty segment");
        rejects("{\"sort\": [{\"field\": 5, \"order\": 1}]}", "invalid-query", "/sort/0/field", "dotted path");
        rejects("{\"sort\": [{\"field\": \"a\", \"order\": 1}, {\"field\": \"a\", \"order\": -1}]}", "invalid-query", "/sort/1/field", "twice");
        rejects("{\"sort\": [" + "{\"field\": \"a\", \"order\": 1},".repeat(8) + "{\"field\": \"b\", \"order\": 1}]}", "invalid-query",
                "/sort", "more than 8");
        rejects("{\"projection\": \"name\"}", "invalid-query", "/projection", "array");
        rejects("{\"projection\": [\"name\", \"$x\"]}", "invalid-query", "/projection/1", "starts with '$'");
        rejects("{\"projection\": [\"na\\u0000me\"]}", "invalid-query", "/projection/0", "NUL");
        rejects("{\"cursor\": 5}", "invalid-query", "/cursor", "string");
        rejects("{\"cursor\": \"not-a-cursor\"}", "invalid-cursor", "/cursor", "cursor");
        given().contentType(ContentType.TEXT).body("{}").post("/api/v1/workflows/query").then().statusCode(415)
                .contentType("application/problem+json");
    }

    static ValidatableResponse rejectsParams(String path, Map<String, ?> params, String pointer, String detailPart) {
        return given().queryParams(params).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(pointer.equals("/cursor") ? "invalid-cursor" : "invalid-parameter"))
                .body("errors[0].pointer", equalTo(pointer)).body("detail", containsString(detailPart));
    }

    @Test
    void badListParameters() {
        String list = "/api/v1/workflows";
        rejectsParams(list, Map.of("limit", "abc"), "/limit", "limit");
        rejectsParams(list, Map.of("limit", "0"), "/limit", "1 to 1000");
        rejectsParams(list, Map.of("limit", "1001"), "/limit", "1 to 1000");
        rejectsParams(list, Map.of("since", "yesterday"), "/since", "since");
        rejectsParams(list, Map.of("until", "2026-01-01T00:00:00"), "/until", "offset");
        rejectsParams(list, Map.of("since", "1e999999"), "/since", "since");
        rejectsParams(list, Map.of("campain_id", "x"), "/campain_id", "Unknown parameter 'campain_id'");
        rejectsParams(list, Map.of("filter_json", "{\"a\": "), "/filter_json", "not valid JSON");
        rejectsParams(list, Map.of("filter_json", "{\"a\": {\"$where\": 1}}"), "/filter_json/a/$where", "'$where'");
        rejectsParams(list, Map.of("projection", "a,,b"), "/projection", "empty segment");
        rejectsParams(list, Map.of("cursor", "Zm9v"), "/cursor", "cursor");
        rejectsParams(list, Map.of("user", "a\u0000b"), "/user", "NUL");
        given().queryParam("status", "A").queryParam("status", "B").get(list).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/status")).body("detail", containsString("2 times"));
    }

    @Test
    void badLineageAndArtifactAndCampaignParameters() {
        rejectsParams("/api/v1/workflows/x/lineage", Map.of("depth", "51"), "/depth", "0 to 50");
        rejectsParams("/api/v1/workflows/x/lineage", Map.of("depth", "-1"), "/depth", "0 to 50");
        rejectsParams("/api/v1/workflows/x/lineage", Map.of("direction", "sideways"), "/direction", "ancestors, descendants or both");
        rejectsParams("/api/v1/workflows/x/lineage", Map.of("projection", "a.$b"), "/projection", "starts with '$'");
        rejectsParams("/api/v1/workflows/x/lineage", Map.of("limit", "5"), "/limit", "Unknown parameter");
        rejectsParams("/api/v1/artifacts", Map.of("role", "used"), "/value", "required");
        rejectsParams("/api/v1/artifacts", Map.of("value", "/a", "role", "read"), "/role", "used, generated or any");
        rejectsParams("/api/v1/artifacts", Map.of("value", "/a", "limit", "x"), "/limit", "limit");
        rejectsParams("/api/v1/artifacts", Map.of("value", "/a", "cursor", "x"), "/cursor", "cursor");
        rejectsParams("/api/v1/campaigns", Map.of("limit", "2000"), "/limit", "1 to 1000");
        rejectsParams("/api/v1/campaigns", Map.of("cursor", "eyJrIjpbXX0"), "/cursor", "cursor");
        rejectsParams("/api/v1/campaigns", Map.of("user", "x"), "/user", "Unknown parameter");
    }
}
