package io.workflowingest.cleanup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.workflowingest.platform.ApiException;
import io.workflowingest.record.Problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the body of {@code POST /api/v1/admin/cleanup}. Every problem is reported at once, each
 * with its JSON pointer, in one 400: unknown fields, wrong JSON types (a string "90" is not a
 * number, 1.5 is not an integer), out-of-range values, a status outside RECORD.md's vocabulary.
 * JSON {@code null} for an optional field means "absent".
 */
final class CleanupRequests {

    static final String OLDER_THAN_DAYS = "older_than_days";
    static final String CAMPAIGN_ID = "campaign_id";
    static final String STATUS = "status";
    static final String DRY_RUN = "dry_run";
    static final String MAX_RECORDS = "max_records";
    static final Set<String> FIELDS = Set.of(OLDER_THAN_DAYS, CAMPAIGN_ID, STATUS, DRY_RUN, MAX_RECORDS);

    /** 100 years: a larger cutoff is certainly a mistake, and it keeps the date arithmetic in range. */
    static final int MAX_DAYS = 36_500;

    /** RECORD.md "status": stored upper-cased, so the scope is matched upper-cased too. */
    static final List<String> STATUSES = List.of("SUBMITTED", "WAITING", "RUNNING", "FINISHED", "ERROR", "UNKNOWN");

    private final ObjectReader reader;

    CleanupRequests(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    CleanupRequest parse(byte[] body) {
        JsonNode root = readTree(body);
        if (root == null || !root.isObject()) {
            throw invalid(List.of(new Problem("", "The body must be a JSON object such as {\"older_than_days\": 90}.")));
        }
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new Problem(pointer(name), "Unknown field '" + name + "'; accepted fields are "
                        + String.join(", ", List.of(OLDER_THAN_DAYS, CAMPAIGN_ID, STATUS, DRY_RUN, MAX_RECORDS)) + "."));
            }
        }

        Integer days = null;
        JsonNode daysNode = root.get(OLDER_THAN_DAYS);
        if (absent(daysNode)) {
            problems.add(new Problem(pointer(OLDER_THAN_DAYS), "Required: the age in days (an integer, at least 1) of records to delete."));
        } else if (!daysNode.isIntegralNumber()) {
            problems.add(new Problem(pointer(OLDER_THAN_DAYS), "Must be an integer number of days, at least 1."));
        } else if (!daysNode.canConvertToInt() || daysNode.intValue() < 1 || daysNode.intValue() > MAX_DAYS) {
            problems.add(new Problem(pointer(OLDER_THAN_DAYS), "Must be between 1 and " + MAX_DAYS + " days; got " + daysNode.asText() + "."));
        } else {
            days = daysNode.intValue();
        }

        String campaign = null;
        JsonNode campaignNode = root.get(CAMPAIGN_ID);
        if (!absent(campaignNode)) {
            if (!campaignNode.isTextual() || campaignNode.textValue().isEmpty()) {
                problems.add(new Problem(pointer(CAMPAIGN_ID), "Must be a non-empty string (a campaign id) or null."));
            } else {
                campaign = campaignNode.textValue();
            }
        }

        String status = null;
        JsonNode statusNode = root.get(STATUS);
        if (!absent(statusNode)) {
            String upper = statusNode.isTextual() ? statusNode.textValue().toUpperCase(Locale.ROOT) : null;
            if (upper == null || !STATUSES.contains(upper)) {
                problems.add(new Problem(pointer(STATUS), "Must be one of " + String.join(", ", STATUSES)
                        + " (any case) or null; got " + statusNode + "."));
            } else {
                status = upper;
            }
        }

        boolean dryRun = true;
        JsonNode dryRunNode = root.get(DRY_RUN);
        if (!absent(dryRunNode)) {
            if (!dryRunNode.isBoolean()) {
                problems.add(new Problem(pointer(DRY_RUN), "Must be true or false (default true: count, delete nothing)."));
            } else {
                dryRun = dryRunNode.booleanValue();
            }
        }

        Long maxRecords = null;
        JsonNode maxNode = root.get(MAX_RECORDS);
        if (!absent(maxNode)) {
            if (!maxNode.isIntegralNumber() || !maxNode.canConvertToLong() || maxNode.longValue() < 1) {
                problems.add(new Problem(pointer(MAX_RECORDS), "Must be a positive integer (the most records this call deletes) or null."));
            } else {
                maxRecords = maxNode.longValue();
            }
        }

        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new CleanupRequest(days, campaign, status, dryRun, maxRecords);
    }

    private JsonNode readTree(byte[] body) {
        try {
            return body.length == 0 ? null : reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed-json", "The request body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String pointer(String field) {
        return "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static ApiException invalid(List<Problem> problems) {
        return ApiException.badRequest("invalid-cleanup-request",
                "The cleanup request is not valid: " + problems.size() + " problem(s), each listed with its JSON pointer.",
                problems);
    }
}
