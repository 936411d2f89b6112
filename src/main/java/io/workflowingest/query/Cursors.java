package io.workflowingest.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.Problem;
import io.workflowingest.store.Keyset;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Keyset cursors: base64url of {@code {"k": [sort key values], "id": last id, "h": check}}. The
 * check is a digest of the query's canonical description (endpoint, filter, sort, projection,
 * list parameters; not the limit, which may change between pages) together with the key values,
 * so a cursor from another query, or an edited one, is refused. Values taken from a cursor are
 * validated like any other input before they are bound: a forged cursor can at most start a
 * page elsewhere, never break a statement.
 */
final class Cursors {

    /** What the keys of a cursor are. */
    enum Keys {
        /** one key, the sort time (exact numeric text) */
        SORT_TIME,
        /** one JSON text (or null) per custom sort key */
        JSON,
        /** no keys: the id alone (campaigns) */
        NONE
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Cursors() {
    }

    static String fingerprint(String endpoint, JsonNode description) {
        return endpoint + "\n" + QueryJson.canonical(description);
    }

    static String encode(String fingerprint, List<String> keys, String id) {
        ObjectNode cursor = NODES.objectNode();
        ArrayNode k = cursor.putArray("k");
        keys.forEach(k::add);
        cursor.put("id", id);
        cursor.put("h", check(fingerprint, k, id));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The keyset of {@code cursor}, or null when there is none; a 400 naming {@code pointer} when it is not one of this query's. */
    static Keyset decode(String cursor, String fingerprint, Keys kind, int keyCount, String pointer) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = QueryJson.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (Exception e) {
            throw bad(pointer, "is not a cursor this service issued (it cannot be decoded)");
        }
        if (node == null || !node.isObject() || !node.path("k").isArray() || !node.path("id").isTextual()
                || !node.path("h").isTextual() || node.size() != 3) {
            throw bad(pointer, "is not a cursor this service issued");
        }
        ArrayNode k = (ArrayNode) node.get("k");
        String id = node.get("id").textValue();
        if (!check(fingerprint, k, id).equals(node.get("h").textValue())) {
            throw bad(pointer, "belongs to another query (or was altered); a cursor only continues the query that returned it");
        }
        int expected = kind == Keys.NONE ? 0 : kind == Keys.SORT_TIME ? 1 : keyCount;
        if (k.size() != expected || QueryJson.textProblem(id) != null) {
            throw bad(pointer, "does not fit this query");
        }
        List<String> keys = new ArrayList<>(k.size());
        for (JsonNode key : k) {
            keys.add(key.isNull() ? null : validKey(key, kind, pointer));
        }
        return new Keyset(keys, id);
    }

    private static String validKey(JsonNode key, Keys kind, String pointer) {
        if (!key.isTextual()) {
            throw bad(pointer, "does not fit this query");
        }
        String text = key.textValue();
        if (kind == Keys.SORT_TIME) {
            try {
                BigDecimal value = new BigDecimal(text);
                if (QueryJson.numberProblem(NODES.numberNode(value)) == null) {
                    return value.toString();
                }
            } catch (NumberFormatException e) {
                // falls through to the error
            }
            throw bad(pointer, "does not fit this query");
        }
        JsonNode value;
        try {
            value = QueryJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw bad(pointer, "does not fit this query");
        }
        List<Problem> problems = new ArrayList<>();
        QueryJson.checkValue(value, "", 1, QueryJson.PARSER_MAX_DEPTH, problems);
        if (value == null || value.isMissingNode() || !problems.isEmpty()) {
            throw bad(pointer, "does not fit this query");
        }
        return value.toString();
    }

    private static String check(String fingerprint, ArrayNode keys, String id) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(keys.toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static ApiException bad(String pointer, String why) {
        return QueryJson.invalid("invalid-cursor", "The cursor " + why + ". Start again without a cursor.", pointer,
                "cursor " + why.split(" \\(|;")[0]);
    }
}
