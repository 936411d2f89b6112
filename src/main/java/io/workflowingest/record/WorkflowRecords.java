package io.workflowingest.record;

import static io.workflowingest.record.WorkflowFields.TYPE;
import static io.workflowingest.record.WorkflowFields.WORKFLOW_ID;
import static io.workflowingest.record.WorkflowFields.WORKFLOW_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validation and normalization of one workflow record: RECORD.md "Validation" and
 * "Normalization", steps in the order 1, 2, 7, 3-6, 8 (step 9, everything else byte for byte,
 * is what is not done). Validation and normalization are one pass over the top-level fields;
 * every problem is collected before the record is rejected. Immutable and thread-safe.
 */
public final class WorkflowRecords {
    /** RECORD.md "Fields": the status vocabulary, upper-case as stored. */
    static final List<String> STATUSES = List.of("SUBMITTED", "WAITING", "RUNNING", "FINISHED", "ERROR", "UNKNOWN");
    private static final Set<String> STATUS_SET = Set.copyOf(STATUSES);

    private final RecordLimits limits;
    private final StrictJson json;

    public WorkflowRecords(RecordLimits limits) {
        this.limits = limits;
        this.json = new StrictJson(limits);
    }

    /**
     * Validates and normalizes one parsed record. Returns a new object; the input is not
     * modified. Unchanged nested values (such as {@code used}) are shared with the input rather
     * than copied, since records can be large: treat both as read-only afterwards.
     *
     * @throws RecordRejectedException listing every problem found, each with a pointer; never
     *                                 anything else, whatever the node
     */
    public ObjectNode normalize(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw Problems.single(Pointers.ROOT, "A workflow record must be a JSON object; this one is "
                    + JsonNodes.describe(record) + ".");
        }
        Problems problems = new Problems();
        TreeChecks checks = new TreeChecks(limits.maxDepth(), problems);
        Map<String, JsonNode> fields = withoutNulls(record);                   // step 1
        fields.putIfAbsent(TYPE, TextNode.valueOf(WORKFLOW_TYPE));              // step 2
        SysMetadataDerivation.deriveInto(fields);                               // step 7
        if (!fields.containsKey(WORKFLOW_ID)) {
            problems.add(Pointers.member(Pointers.ROOT, WORKFLOW_ID), "workflow_id is required and may not be null; "
                    + "send the id of this workflow run (Flowcept uses a uuid4).");
        }
        ObjectNode normalized = JsonNodes.FACTORY.objectNode();
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            String name = field.getKey();
            String pointer = Pointers.member(Pointers.ROOT, name);
            checkTopLevelName(name, pointer, problems);
            JsonNode value = normalizeField(name, field.getValue(), pointer, problems, checks); // steps 3-6, 8
            if (value != null) {
                normalized.set(name, value);
            }
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return normalized;
    }

    /** {@link StrictJson#parseRecord} then {@link #normalize}. */
    public ObjectNode parseAndNormalize(byte[] utf8) {
        return normalize(json.parseRecord(utf8));
    }

    /**
     * The id rules of RECORD.md (workflow_id, parent_workflow_id, campaign_id): 1..256 code
     * points, no leading or trailing whitespace, no C0/C1 control character, no '/' or '\'.
     * Also for ids in URL paths.
     *
     * @return null when {@code id} is valid, else a message saying why not
     */
    public static String idProblem(String id) {
        return Ids.problem("The id", id);
    }

    /** Step 1: top-level nulls are dropped; they never clear a stored field. */
    private static Map<String, JsonNode> withoutNulls(JsonNode record) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(record.size() * 2 + 8);
        for (Map.Entry<String, JsonNode> member : record.properties()) {
            if (!member.getValue().isNull()) {
                fields.put(member.getKey(), member.getValue());
            }
        }
        return fields;
    }

    /** Top-level names the query language cannot address, or the store cannot hold. */
    private static void checkTopLevelName(String name, String pointer, Problems problems) {
        if (name.startsWith("$")) {
            problems.add(pointer, "The top-level key " + Texts.quote(name) + " starts with '$', which queries "
                    + "reserve for operators; rename it.");
        }
        if (name.indexOf('.') >= 0) {
            problems.add(pointer, "The top-level key " + Texts.quote(name) + " contains '.', which queries read as "
                    + "a path separator; rename it or nest the value in an object.");
        }
        String bad = Texts.unstorableCharacter(name);
        if (bad != null) {
            problems.add(pointer, "The top-level key " + Texts.quote(name) + " contains " + bad + "; rename it.");
        }
    }

    /** The normalized value of one top-level field, or null when it has a problem. */
    private static JsonNode normalizeField(String name, JsonNode value, String pointer, Problems problems,
            TreeChecks checks) {
        boolean clean = checks.checkField(name, value);
        if (!clean && !value.isContainerNode()) {
            return null; // the scalar's own problem (NUL, NaN, ...) says it all
        }
        WorkflowFields.Kind kind = WorkflowFields.KINDS.get(name);
        if (kind == null) {
            return value; // unknown top-level fields are kept as sent
        }
        switch (kind) {
            case ID:
                if (requireText(name, value, pointer, problems)) {
                    String problem = Ids.problem(name, value.textValue());
                    if (problem != null) {
                        problems.add(pointer, problem);
                    }
                }
                return value;
            case STRING:
                requireText(name, value, pointer, problems);
                return value;
            case HOST_NAME:
                // Step 6: DNS names are case-insensitive.
                return requireText(name, value, pointer, problems) ? lowerCase(value) : null;
            case OBJECT:
                requireType(value.isObject(), name, "a JSON object", value, pointer, problems);
                return value;
            case SETTINGS:
                // Step 8; a tree with problems (maybe too deep) is not walked again.
                boolean isObject = requireType(value.isObject(), name, "a JSON object", value, pointer, problems);
                return isObject && clean ? SecretRedaction.redact(value) : value;
            case OBJECT_OR_STRING:
                requireType(value.isObject() || value.isTextual(), name, "a JSON object or a string", value, pointer,
                        problems);
                return value;
            case STRING_LIST:
                return interceptorIds(name, value, pointer, problems);
            case TIMESTAMP:
                return Timestamps.normalize(name, value, pointer, problems);
            case STATUS:
                return status(name, value, pointer, problems);
            case TYPE:
                if (requireText(name, value, pointer, problems) && !WORKFLOW_TYPE.equals(value.textValue())) {
                    problems.add(pointer, "type must be \"workflow\" in a workflow record; it is "
                            + Texts.quote(value.textValue()) + ".");
                }
                return value;
            case IP:
                return ipAddress(name, value, pointer, problems);
            default:
                throw new IllegalStateException("unhandled field kind " + kind);
        }
    }

    /** Step 5: an array of strings, de-duplicated, first occurrence kept in place. */
    private static JsonNode interceptorIds(String name, JsonNode value, String pointer, Problems problems) {
        if (!requireType(value.isArray(), name, "an array of strings", value, pointer, problems)) {
            return null;
        }
        ArrayNode unique = JsonNodes.FACTORY.arrayNode(value.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                problems.add(Pointers.item(pointer, i), "Item " + i + " of " + name + " must be a string (an "
                        + "interceptor id); it is " + JsonNodes.describe(item) + ".");
            } else if (seen.add(item.textValue())) {
                unique.add(item);
            }
        }
        return unique;
    }

    /** Step 4: the vocabulary in any ASCII case, stored upper-case. */
    private static JsonNode status(String name, JsonNode value, String pointer, Problems problems) {
        if (!requireText(name, value, pointer, problems)) {
            return null;
        }
        // ASCII only: Locale.ROOT upper-casing would also take "runnıng" (dotless i) as RUNNING.
        String upper = asciiUpperCase(value.textValue());
        if (!STATUS_SET.contains(upper)) {
            problems.add(pointer, name + " must be one of " + String.join(", ", STATUSES) + " (in any case); it is "
                    + Texts.quote(value.textValue()) + ".");
            return null;
        }
        return upper.equals(value.textValue()) ? value : TextNode.valueOf(upper);
    }

    /** Step 6: an IP literal in canonical form. */
    private static JsonNode ipAddress(String name, JsonNode value, String pointer, Problems problems) {
        if (!requireText(name, value, pointer, problems)) {
            return null;
        }
        String canonical = IpAddresses.canonical(value.textValue());
        if (canonical == null) {
            problems.add(pointer, name + " " + Texts.quote(value.textValue()) + " is not an IPv4 or IPv6 address; "
                    + "send a literal such as 10.128.32.17 or 2001:db8::1 (host names are not resolved, "
                    + "IPv4 octets have no leading zeros, IPv6 has no zone id).");
            return null;
        }
        return canonical.equals(value.textValue()) ? value : TextNode.valueOf(canonical);
    }

    private static JsonNode lowerCase(JsonNode value) {
        String lower = value.textValue().toLowerCase(Locale.ROOT);
        return lower.equals(value.textValue()) ? value : TextNode.valueOf(lower);
    }

    private static boolean requireText(String name, JsonNode value, String pointer, Problems problems) {
        return requireType(value.isTextual(), name, "a string", value, pointer, problems);
    }

    private static boolean requireType(boolean ok, String name, String expected, JsonNode value, String pointer,
            Problems problems) {
        if (!ok) {
            problems.add(pointer, name + " must be " + expected + "; it is " + JsonNodes.describe(value) + ".");
        }
        return ok;
    }

    private static String asciiUpperCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c - ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }
}
