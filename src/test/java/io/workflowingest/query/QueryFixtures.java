package io.workflowingest.query;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Records stored through the real ingest endpoint, and queries through the real read endpoints. */
final class QueryFixtures {

    private QueryFixtures() {
    }

    /** Stores the records (JSON objects as text) with one batch request; all must be accepted. */
    static void store(List<String> records) {
        for (int from = 0; from < records.size(); from += 1000) {
            List<String> chunk = records.subList(from, Math.min(records.size(), from + 1000));
            given().contentType(ContentType.JSON).body("[" + String.join(",", chunk) + "]")
                    .post("/api/v1/workflows/batch")
                    .then().statusCode(200).body("summary.failed", equalTo(0));
        }
    }

    static void store(String... records) {
        store(List.of(records));
    }

    static ValidatableResponse query(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/workflows/query").then();
    }

    /** The workflow_ids of a 200 query answer, in order. */
    static List<String> ids(String body) {
        return query(body).statusCode(200).contentType(ContentType.JSON).extract().jsonPath().getList("items.workflow_id");
    }

    static List<String> list(Map<String, ?> params) {
        return given().queryParams(params).get("/api/v1/workflows")
                .then().statusCode(200).extract().jsonPath().getList("items.workflow_id");
    }

    /** Walks every page of a GET endpoint; returns all workflow_ids in order. */
    static List<String> walkGet(String path, Map<String, Object> params) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            var request = given().queryParams(params);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var json = request.get(path).then().statusCode(200).extract().jsonPath();
            all.addAll(json.getList("items.workflow_id"));
            cursor = json.getString("next_cursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("paging did not end");
    }
}
