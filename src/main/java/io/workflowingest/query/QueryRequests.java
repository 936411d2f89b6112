package io.workflowingest.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workflowingest.platform.ApiException;
import io.workflowingest.store.FieldPath;
import io.workflowingest.store.Filter;
import io.workflowingest.store.SortKey;
import jakarta.ws.rs.core.MultivaluedMap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the two ways of asking for workflows into a {@link WorkflowQuery}; any bad input is a 400 naming it. */
final class QueryRequests {

    static final String TYPE = "invalid-query";
    static final int MAX_SORT_KEYS = 8;

    /** The list parameters that are equality on a filter field. */
    static final List<String> FIELD_PARAMETERS = List.of("user", "campaign_id", "parent_workflow_id", "name", "subtype",
            "status", "environment_id");
    static final Set<String> LIST_PARAMETERS = Set.of("user", "campaign_id", "parent_workflow_id", "name", "subtype",
            "status", "environment_id", "since", "until", "filter_json", "projection", "limit", "cursor");
    private static final Set<String> BODY_FIELDS = Set.of("filter", "projection", "sort", "limit", "cursor");

    private QueryRequests() {
    }

    /** GET /api/v1/workflows: the field parameters, since/until and filter_json, all combined with AND. */
    static WorkflowQuery fromList(MultivaluedMap<String, String> query) {
        Params params = new Params(query, LIST_PARAMETERS);
        FilterParser parser = new FilterParser(Params.TYPE);
        List<Filter> parts = new ArrayList<>();
        for (String field : FIELD_PARAMETERS) {
            String value = params.get(field);
            if (value != null) {
                parts.add(new Filter.Condition(FieldPath.of(field), Filter.Operator.EQ, JsonNodeFactory.instance.textNode(value),
                        "/" + field));
            }
        }
        BigDecimal since = params.epochSeconds("since");
        if (since != null) {
            parts.add(new Filter.SortTimeBound(Filter.Bound.SINCE, since));
        }
        BigDecimal until = params.epochSeconds("until");
        if (until != null) {
            parts.add(new Filter.SortTimeBound(Filter.Bound.UNTIL, until));
        }
        String filterJson = params.get("filter_json");
        if (filterJson != null) {
            JsonNode filter = QueryJson.parse(filterJson, "The parameter 'filter_json'", "/filter_json");
            parts.add(parser.parse(filter, "/filter_json"));
        }
        List<FieldPath> projection = params.projection(parser);
        String fingerprint = Cursors.fingerprint("GET /api/v1/workflows",
                QueryJson.MAPPER.valueToTree(params.selecting()));
        return new WorkflowQuery(Filter.and(parts), List.of(), projection, params.limit(), params.get("cursor"), fingerprint,
                "/cursor");
    }

    /** POST /api/v1/workflows/query: {"filter", "projection", "sort", "limit", "cursor"}. */
    static WorkflowQuery fromBody(byte[] body) {
        JsonNode request = QueryJson.parse(body, "The query body");
        if (!request.isObject()) {
            throw invalid("The query body must be a JSON object: {\"filter\": {...}, \"sort\": [...], \"limit\": 100}.", "",
                    "not an object");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!BODY_FIELDS.contains(name)) {
                throw invalid("Unknown field '" + name + "' in the query body; the fields are filter, projection, sort, limit, cursor.",
                        "/" + QueryJson.token(name), "unknown field");
            }
        }
        FilterParser parser = new FilterParser(TYPE);
        Filter filter = parser.parse(request.get("filter"), "/filter");
        List<FieldPath> projection = projection(request.get("projection"), parser);
        List<SortKey> sort = sort(request.get("sort"), parser);
        int limit = limit(request.get("limit"));
        JsonNode cursor = request.get("cursor");
        if (cursor != null && !cursor.isNull() && !cursor.isTextual()) {
            throw invalid("The cursor must be a string (the next_cursor of the previous page) or null.", "/cursor", "not a string");
        }
        ObjectNode description = JsonNodeFactory.instance.objectNode();
        description.set("filter", request.get("filter"));
        description.set("projection", request.get("projection"));
        description.set("sort", request.get("sort"));
        String fingerprint = Cursors.fingerprint("POST /api/v1/workflows/query", description);
        return new WorkflowQuery(filter, sort, projection, limit,
                cursor == null || cursor.isNull() ? null : cursor.textValue(), fingerprint, "/cursor");
    }

    static List<FieldPath> projection(JsonNode node, FilterParser parser) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("The projection must be an array of dotted paths, like [\"name\", \"used.epochs\"].", "/projection",
                    "not an array");
        }
        if (node.size() > Params.MAX_PROJECTION) {
            throw invalid("The projection lists more than " + Params.MAX_PROJECTION + " paths.", "/projection", "too many paths");
        }
        List<FieldPath> paths = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            paths.add(pathString(node.get(i), "/projection/" + i, "projection", parser));
        }
        return paths;
    }

    static List<SortKey> sort(JsonNode node, FilterParser parser) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("The sort must be an array like [{\"field\": \"utc_timestamp\", \"order\": -1}].", "/sort", "not an array");
        }
        if (node.size() > MAX_SORT_KEYS) {
            throw invalid("The sort has more than " + MAX_SORT_KEYS + " keys.", "/sort", "too many keys");
        }
        List<SortKey> keys = new ArrayList<>();
        Set<FieldPath> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode key = node.get(i);
            String at = "/sort/" + i;
            if (!key.isObject()) {
                throw invalid("Each sort key must be an object {\"field\": \"...\", \"order\": 1 or -1}; " + at + " is not.", at,
                        "not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext();) {
                String name = it.next().getKey();
                if (!name.equals("field") && !name.equals("order")) {
                    throw invalid("Unknown field '" + name + "' in sort key " + at + "; a sort key has field and order.",
                            at + "/" + QueryJson.token(name), "unknown field");
                }
            }
            FieldPath path = pathString(key.get("field"), at + "/field", "sort field", parser);
            JsonNode order = key.get("order");
            int direction = order != null && order.isIntegralNumber() && order.canConvertToInt() ? order.intValue() : 0;
            if (direction != 1 && direction != -1) {
                throw invalid("The order of sort key " + at + " must be 1 (ascending) or -1 (descending).", at + "/order",
                        "not 1 or -1");
            }
            if (!seen.add(path)) {
                throw invalid("The field '" + path + "' is sorted on twice (" + at + ").", at + "/field", "sorted twice");
            }
            keys.add(new SortKey(path, direction == -1));
        }
        return keys;
    }

    static int limit(JsonNode node) {
        if (node == null || node.isNull()) {
            return Params.DEFAULT_LIMIT;
        }
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1 && node.intValue() <= Params.MAX_LIMIT) {
            return node.intValue();
        }
        throw invalid("The limit must be an integer from 1 to " + Params.MAX_LIMIT + ".", "/limit",
                "not an integer from 1 to " + Params.MAX_LIMIT);
    }

    private static FieldPath pathString(JsonNode node, String at, String what, FilterParser parser) {
        if (node == null || !node.isTextual()) {
            throw invalid("The " + what + " at " + at + " must be a dotted path string, like \"used.epochs\".", at, "not a string");
        }
        String problem = QueryJson.textProblem(node.textValue());
        if (problem != null) {
            throw invalid("The " + what + " at " + at + " " + problem + ".", at, problem);
        }
        return parser.path(node.textValue(), at);
    }

    private static ApiException invalid(String detail, String pointer, String message) {
        return QueryJson.invalid(TYPE, detail, pointer, message);
    }
}
