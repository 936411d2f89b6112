package io.workflowingest;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Raw API Gateway HTTP API (v2) events posted to the Lambda mock event server's
 * {@code /_lambda_} endpoint: the path for bodies the mock cannot carry as text (gzip, non-UTF-8)
 * and for internal routes. The answer is the Lambda's raw response event.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    public static Map<String, Object> httpEvent(String method, String path, Map<String, String> headers, byte[] body) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "test");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.put("headers", headers);
        event.put("requestContext", context);
        if (body != null) {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Posts a raw event; returns the Lambda response event (statusCode, headers, body). */
    public static JsonPath invoke(Object event) {
        String response = given().port(RestAssured.port).contentType("application/json").body(event)
                .when().post("/_lambda_")
                .then().statusCode(200).extract().asString();
        return JsonPath.from(response);
    }

    /** The response body of a Lambda response event, decoded when base64. */
    public static String body(JsonPath response) {
        String body = response.getString("body");
        if (body != null && response.getBoolean("isBase64Encoded")) {
            return new String(Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
        }
        return body;
    }

    /** The Content-Type of a Lambda response event (headers or multiValueHeaders), or "" when absent. */
    public static String contentType(JsonPath response) {
        return header(response, "Content-Type");
    }

    /** A header of a Lambda response event, by case-insensitive name (headers or multiValueHeaders), or "" when absent. */
    public static String header(JsonPath response, String name) {
        Map<String, Object> headers = response.getMap("headers");
        if (headers != null) {
            for (var header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return String.valueOf(header.getValue());
                }
            }
        }
        Map<String, List<String>> multi = response.getMap("multiValueHeaders");
        if (multi != null) {
            for (var header : multi.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
        }
        return "";
    }
}
