package io.workflowingest.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.Problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON as the query endpoints read it: strict (duplicate keys are an error, numbers exact), and
 * checked for what PostgreSQL cannot hold (NUL, unpaired surrogates, numbers beyond numeric), so
 * a value that reaches a statement can never make it fail.
 */
final class QueryJson {

    /** Deeper JSON is refused by the parser itself; the filter's own limit (64) is checked with a pointer. */
    static final int PARSER_MAX_DEPTH = 200;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(PARSER_MAX_DEPTH).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** PostgreSQL numeric: at most 131072 digits before the decimal point, 16383 after. */
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131072;
    private static final int NUMERIC_MAX_SCALE = 16383;

    private QueryJson() {
    }

    static JsonNode parse(byte[] body, String what) {
        try {
            if (body.length == 0) {
                throw invalid("invalid-query", what + " is empty; send a JSON object.", "", "empty");
            }
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed-json", what + " is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (NumberFormatException e) {
            // Jackson reads floats as BigDecimal, whose exponent is an int: 1E+2147483648 cannot be one.
            throw ApiException.badRequest("malformed-json", what + " holds a number out of any representable range.", null);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("malformed-json", what + " cannot be read: " + e.getMessage(), null);
        }
    }

    static JsonNode parse(String text, String what, String pointer) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("invalid-parameter", what + " is not valid JSON: " + e.getOriginalMessage(), pointer, "not valid JSON");
        } catch (NumberFormatException e) {
            throw invalid("invalid-parameter", what + " holds a number out of any representable range.", pointer,
                    "number out of range");
        }
    }

    /** A 400 with one error entry. */
    static ApiException invalid(String type, String detail, String pointer, String message) {
        return ApiException.badRequest(type, detail, List.of(new Problem(pointer, message)));
    }

    /** JSON pointer token escaping (RFC 6901). */
    static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The reason {@code text} cannot be stored or compared by PostgreSQL, or null. */
    static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (\\u0000), which no stored record can hold";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate";
            }
        }
        return null;
    }

    /** The reason {@code number} does not fit PostgreSQL numeric, or null. */
    static String numberProblem(JsonNode number) {
        if (!number.isBigDecimal() && !number.isDouble() && !number.isFloat()) {
            return null;
        }
        BigDecimal value = number.decimalValue();
        if (value.scale() > NUMERIC_MAX_SCALE || value.precision() - value.scale() > NUMERIC_MAX_INTEGER_DIGITS) {
            return "is outside the range of numbers a record can hold";
        }
        return null;
    }

    /**
     * Every problem of a value that would be bound to a statement: strings and keys with NUL or
     * unpaired surrogates, out-of-range numbers, nesting deeper than {@code maxDepth}.
     */
    static void checkValue(JsonNode value, String pointer, int depth, int maxDepth, List<Problem> problems) {
        if (depth > maxDepth) {
            problems.add(new Problem(pointer, "nested deeper than " + maxDepth + " levels"));
            return;
        }
        if (value.isTextual()) {
            String problem = textProblem(value.textValue());
            if (problem != null) {
                problems.add(new Problem(pointer, "the string " + problem));
            }
        } else if (value.isNumber()) {
            String problem = numberProblem(value);
            if (problem != null) {
                problems.add(new Problem(pointer, "the number " + problem));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                checkValue(value.get(i), pointer + "/" + i, depth + 1, maxDepth, problems);
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = pointer + "/" + token(field.getKey());
                String problem = textProblem(field.getKey());
                if (problem != null) {
                    problems.add(new Problem(child, "the key " + problem));
                }
                checkValue(field.getValue(), child, depth + 1, maxDepth, problems);
            }
        }
    }

    /** JSON text with object keys sorted at every level: equal values, equal text (for query digests). */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node == null) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(keys.get(i)).toString()).append(':');
                canonical(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
