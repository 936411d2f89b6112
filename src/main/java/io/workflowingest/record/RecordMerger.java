package io.workflowingest.record;

import static io.workflowingest.record.WorkflowFields.INTERCEPTOR_IDS;
import static io.workflowingest.record.WorkflowFields.MACHINE_INFO;
import static io.workflowingest.record.WorkflowFields.STATUS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * RECORD.md "Merging": how a record sent again for the same workflow_id folds into the stored
 * one. This is the in-memory twin of the SQL function {@code workflow_merge} (V1 migration),
 * used to merge several records of one batch before the upsert; the two must agree.
 */
public final class RecordMerger {
    private RecordMerger() {
    }

    /**
     * {@code stored} with {@code incoming} merged in, as a new object; the inputs are not
     * modified (unchanged values are shared, not copied). For normalized records the merge is
     * associative, so records of a batch can be folded in memory before meeting the stored one.
     * <ul>
     * <li>top-level fields are last-writer-wins and replaced whole; absent fields are kept and
     * nulls never clear a field;</li>
     * <li>{@code machine_info} merges one level deep (one entry per interceptor id);</li>
     * <li>{@code interceptor_ids} is the union, in first-seen order;</li>
     * <li>a terminal status (FINISHED, ERROR) is not replaced by a non-terminal one (message
     * queues do not keep order); a terminal status may replace another.</li>
     * </ul>
     */
    public static ObjectNode merge(ObjectNode stored, ObjectNode incoming) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(incoming, "incoming");
        ObjectNode merged = JsonNodes.FACTORY.objectNode();
        merged.setAll(stored);
        for (Map.Entry<String, JsonNode> field : incoming.properties()) {
            String name = field.getKey();
            JsonNode later = field.getValue();
            JsonNode earlier = stored.get(name);
            if (later.isNull()) {
                continue;
            }
            if (earlier != null && MACHINE_INFO.equals(name) && earlier.isObject() && later.isObject()) {
                merged.set(name, machineInfo((ObjectNode) earlier, (ObjectNode) later));
            } else if (earlier != null && INTERCEPTOR_IDS.equals(name) && earlier.isArray() && later.isArray()) {
                merged.set(name, union(earlier, later));
            } else if (earlier != null && STATUS.equals(name) && isTerminal(earlier) && !isTerminal(later)) {
                continue; // keep the terminal status
            } else {
                merged.set(name, later);
            }
        }
        return merged;
    }

    /** One level deep: an entry per interceptor id, the later entry replacing the earlier whole. */
    private static ObjectNode machineInfo(ObjectNode earlier, ObjectNode later) {
        ObjectNode merged = JsonNodes.FACTORY.objectNode();
        merged.setAll(earlier);
        merged.setAll(later);
        return merged;
    }

    /** Union in first-seen order; duplicates across both lists (or within one) appear once. */
    private static ArrayNode union(JsonNode earlier, JsonNode later) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        earlier.forEach(seen::add);
        later.forEach(seen::add);
        ArrayNode merged = JsonNodes.FACTORY.arrayNode(seen.size());
        seen.forEach(merged::add);
        return merged;
    }

    private static boolean isTerminal(JsonNode status) {
        if (!status.isTextual()) {
            return false;
        }
        String text = status.textValue();
        return "FINISHED".equals(text) || "ERROR".equals(text);
    }
}
