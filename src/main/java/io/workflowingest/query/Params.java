package io.workflowingest.query;

import io.workflowingest.platform.ApiException;
import io.workflowingest.store.FieldPath;
import jakarta.ws.rs.core.MultivaluedMap;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The query-string parameters of a GET endpoint: only the listed names, each at most once
 * (a misspelt or repeated parameter is a 400, never silently ignored). Error pointers name the
 * parameter ({@code /limit}, {@code /filter_json/...}).
 */
final class Params {

    static final String TYPE = "invalid-parameter";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_PROJECTION = 100;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final Map<String, String> values = new TreeMap<>();

    Params(MultivaluedMap<String, String> query, Set<String> allowed) {
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            String name = entry.getKey();
            if (!allowed.contains(name)) {
                throw invalid("Unknown parameter '" + name + "'; this endpoint takes " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".",
                        name, "unknown parameter");
            }
            if (entry.getValue().size() > 1) {
                throw invalid("The parameter '" + name + "' is given " + entry.getValue().size() + " times; give it once"
                        + " (for several values use filter_json with $in).", name, "repeated parameter");
            }
            String value = entry.getValue().get(0);
            String problem = QueryJson.textProblem(value);
            if (problem != null) {
                throw invalid("The parameter '" + name + "' " + problem + ".", name, problem);
            }
            values.put(name, value);
        }
    }

    String get(String name) {
        return values.get(name);
    }

    /** The parameters that select rows, for the cursor's query digest (not limit, not cursor). */
    Map<String, String> selecting() {
        Map<String, String> selecting = new TreeMap<>(values);
        selecting.remove("limit");
        selecting.remove("cursor");
        return selecting;
    }

    int limit() {
        String raw = values.get("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw invalid("The parameter 'limit' must be an integer from 1 to " + MAX_LIMIT + "; got '" + raw + "'.", "limit",
                "not an integer from 1 to " + MAX_LIMIT);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw invalid("The parameter '" + name + "' must be an integer from " + min + " to " + max + "; got '" + raw + "'.", name,
                "not an integer from " + min + " to " + max);
    }

    /**
     * Epoch seconds from a number ({@code 1785848405.25}) or an ISO-8601 date-time with an offset
     * ({@code 2026-08-04T12:00:00Z}, {@code 2026-08-04T14:00:00+02:00}). An unencoded '+' of an
     * offset arrives as a space; it is read back as '+'.
     */
    BigDecimal epochSeconds(String name) {
        String raw = values.get(name);
        if (raw == null) {
            return null;
        }
        String text = raw.trim();
        if (NUMBER.matcher(text).matches()) {
            BigDecimal value = new BigDecimal(text);
            if (value.abs().compareTo(BigDecimal.valueOf(1_000_000_000_000_000L)) < 0 && value.scale() <= 100) {
                return value;
            }
        } else {
            try {
                OffsetDateTime time = OffsetDateTime.parse(text.replace(' ', '+'));
                return BigDecimal.valueOf(time.toEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9)).stripTrailingZeros();
            } catch (DateTimeParseException e) {
                // falls through to the error
            }
        }
        throw invalid("The parameter '" + name + "' must be epoch seconds or an ISO-8601 date-time with an offset"
                + " (2026-08-04T12:00:00Z); got '" + raw + "'.", name, "not a time");
    }

    /** Comma-separated dotted paths. */
    List<FieldPath> projection(FilterParser paths) {
        String raw = values.get("projection");
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_PROJECTION) {
            throw invalid("The parameter 'projection' lists more than " + MAX_PROJECTION + " paths.", "projection", "too many paths");
        }
        List<FieldPath> projection = new ArrayList<>();
        for (String part : parts) {
            projection.add(paths.path(part.trim(), "/projection"));
        }
        return projection;
    }

    static ApiException invalid(String detail, String name, String message) {
        return QueryJson.invalid(TYPE, detail, "/" + QueryJson.token(name), message);
    }
}
