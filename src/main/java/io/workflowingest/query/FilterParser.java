package io.workflowingest.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.Problem;
import io.workflowingest.store.FieldPath;
import io.workflowingest.store.Filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the MongoDB-style filter of API.md into a {@link Filter}: field equality, dotted paths,
 * and exactly the operators {@code $and $or $nor $not $exists $eq $ne $gt $gte $lt $lte $in $nin
 * $regex}. Anything else is an {@link ApiException} 400 ({@code invalid-query}) whose detail
 * names the offending operator or path and whose error pointer points at it in the request.
 * Nothing here throws anything else, whatever the input (a property test holds it to that).
 */
final class FilterParser {

    static final int MAX_DEPTH = 64;
    static final int MAX_CONDITIONS = 500;
    static final int MAX_IN_VALUES = 1000;
    static final int MAX_PATH_SEGMENTS = 64;

    static final Set<String> LOGICAL = Set.of("$and", "$or", "$nor");
    static final Set<String> FIELD_OPERATORS = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin",
            "$exists", "$regex", "$not");
    static final String OPERATORS = "$and $or $nor $not $exists $eq $ne $gt $gte $lt $lte $in $nin $regex";

    private final String type;
    private int conditions;

    /** @param type the problem type of errors ({@code invalid-query} for a body, {@code invalid-parameter} for filter_json) */
    FilterParser(String type) {
        this.type = type;
    }

    /** Parses {@code filter} found at {@code pointer} of the request; null or absent means no filter. */
    Filter parse(JsonNode filter, String pointer) {
        if (filter == null || filter.isNull()) {
            return Filter.ALL;
        }
        List<Problem> problems = new ArrayList<>();
        QueryJson.checkValue(filter, pointer, 1, MAX_DEPTH, problems);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw ApiException.badRequest(type, "The filter at " + first.pointer() + " " + first.message() + ".", problems);
        }
        if (!filter.isObject()) {
            throw fail("The filter must be a JSON object, like {\"status\": \"FINISHED\"}.", pointer, "not an object");
        }
        return document(filter, pointer);
    }

    private Filter document(JsonNode doc, String pointer) {
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String at = pointer + "/" + QueryJson.token(key);
            if (key.startsWith("$")) {
                parts.add(logical(key, field.getValue(), at));
            } else {
                parts.add(fieldCondition(path(key, at), field.getValue(), at));
            }
        }
        return Filter.and(parts);
    }

    private Filter logical(String operator, JsonNode operand, String at) {
        if (!LOGICAL.contains(operator)) {
            String hint = FIELD_OPERATORS.contains(operator)
                    ? " " + operator + " applies to a field: {\"field\": {\"" + operator + "\": ...}}."
                    : " The operators are " + OPERATORS + ".";
            throw fail("Unknown top-level operator '" + operator + "' at " + at + "." + hint, at, "unknown operator " + operator);
        }
        if (!operand.isArray() || operand.isEmpty()) {
            throw fail(operator + " at " + at + " takes a non-empty array of filter objects.", at, operator + " needs a non-empty array");
        }
        List<Filter> parts = new ArrayList<>();
        for (int i = 0; i < operand.size(); i++) {
            JsonNode part = operand.get(i);
            String partAt = at + "/" + i;
            if (!part.isObject()) {
                throw fail("Each element of " + operator + " must be a filter object; " + partAt + " is not.", partAt, "not an object");
            }
            parts.add(document(part, partAt));
        }
        return switch (operator) {
            case "$and" -> new Filter.And(parts);
            case "$or" -> new Filter.Or(parts);
            default -> new Filter.Not(new Filter.Or(parts));
        };
    }

    /** A field's value: an operator expression ({"$gt": 5}) or a value it must equal. */
    private Filter fieldCondition(FieldPath path, JsonNode value, String at) {
        if (!isOperatorExpression(value)) {
            return condition(path, Filter.Operator.EQ, value, at);
        }
        return operators(path, value, at);
    }

    private static boolean isOperatorExpression(JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            return false;
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
            if (names.next().startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    private Filter operators(FieldPath path, JsonNode expression, String at) {
        List<Filter> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expression.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String operator = entry.getKey();
            JsonNode operand = entry.getValue();
            String opAt = at + "/" + QueryJson.token(operator);
            if (!operator.startsWith("$")) {
                throw fail("The condition on '" + path + "' at " + at + " mixes operators with the plain key '" + operator
                        + "'; write either operators ({\"$gt\": 1}) or a value to equal.", opAt, "not an operator");
            }
            parts.add(switch (operator) {
                case "$eq" -> condition(path, Filter.Operator.EQ, operand, opAt);
                case "$ne" -> new Filter.Not(condition(path, Filter.Operator.EQ, operand, opAt));
                case "$gt" -> comparison(path, Filter.Operator.GT, operator, operand, opAt);
                case "$gte" -> comparison(path, Filter.Operator.GTE, operator, operand, opAt);
                case "$lt" -> comparison(path, Filter.Operator.LT, operator, operand, opAt);
                case "$lte" -> comparison(path, Filter.Operator.LTE, operator, operand, opAt);
                case "$in" -> in(path, operator, operand, opAt);
                case "$nin" -> new Filter.Not(in(path, operator, operand, opAt));
                case "$exists" -> {
                    if (!operand.isBoolean()) {
                        throw fail("$exists at " + opAt + " takes true or false.", opAt, "$exists needs a boolean");
                    }
                    yield condition(path, Filter.Operator.EXISTS, operand, opAt);
                }
                case "$regex" -> {
                    if (!operand.isTextual()) {
                        throw fail("$regex at " + opAt + " takes a string (a PostgreSQL regular expression).", opAt,
                                "$regex needs a string");
                    }
                    yield condition(path, Filter.Operator.REGEX, operand, opAt);
                }
                case "$not" -> {
                    if (!isOperatorExpression(operand)) {
                        throw fail("$not at " + opAt + " takes an operator expression, like {\"$not\": {\"$gt\": 5}}.", opAt,
                                "$not needs an operator expression");
                    }
                    yield new Filter.Not(operators(path, operand, opAt));
                }
                default -> throw fail("Unknown operator '" + operator + "' at " + opAt + "; the operators are " + OPERATORS + ".",
                        opAt, "unknown operator " + operator);
            });
        }
        return Filter.and(parts);
    }

    private Filter comparison(FieldPath path, Filter.Operator op, String name, JsonNode operand, String at) {
        if (!operand.isNumber() && !operand.isTextual()) {
            throw fail(name + " at " + at + " takes a number or a string.", at, name + " needs a number or a string");
        }
        return condition(path, op, operand, at);
    }

    private Filter in(FieldPath path, String name, JsonNode operand, String at) {
        if (!operand.isArray()) {
            throw fail(name + " at " + at + " takes an array of values.", at, name + " needs an array");
        }
        if (operand.size() > MAX_IN_VALUES) {
            throw fail(name + " at " + at + " has " + operand.size() + " values; at most " + MAX_IN_VALUES + " are allowed.", at,
                    "too many values");
        }
        for (int i = 0; i < operand.size(); i++) {
            JsonNode v = operand.get(i);
            if (v.isContainerNode()) {
                throw fail(name + " takes an array of scalars (strings, numbers, booleans, null); " + at + "/" + i + " is not one.",
                        at + "/" + i, "not a scalar");
            }
        }
        return condition(path, Filter.Operator.IN, operand, at);
    }

    private Filter condition(FieldPath path, Filter.Operator op, JsonNode operand, String at) {
        if (++conditions > MAX_CONDITIONS) {
            throw fail("The filter has more than " + MAX_CONDITIONS + " conditions (at " + at + "); split the query.", at,
                    "too many conditions");
        }
        return new Filter.Condition(path, op, operand, at);
    }

    /** A dotted path: non-empty segments, none starting with '$' (API.md). */
    FieldPath path(String dotted, String at) {
        List<String> segments = Arrays.asList(dotted.split("\\.", -1));
        if (segments.size() > MAX_PATH_SEGMENTS) {
            throw fail("The path '" + dotted + "' at " + at + " has more than " + MAX_PATH_SEGMENTS + " segments.", at,
                    "path too deep");
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw fail("The path '" + dotted + "' at " + at + " cannot be a field: it has an empty segment.", at,
                        "empty path segment");
            }
            if (segment.startsWith("$")) {
                throw fail("The path '" + dotted + "' at " + at + " cannot be a field: segment '" + segment
                        + "' starts with '$'. The operators are " + OPERATORS + ".", at, "path segment starts with $");
            }
        }
        return new FieldPath(segments);
    }

    private ApiException fail(String detail, String pointer, String message) {
        return QueryJson.invalid(type, detail, pointer, message);
    }
}
