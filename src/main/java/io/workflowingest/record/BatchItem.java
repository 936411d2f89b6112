package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One record of a batch body, parsed on its own: either its JSON value or the problems that
 * make it fail alone (API.md: "A bad NDJSON line or array element fails alone").
 *
 * @param index    0-based position in the batch (array element, or non-blank NDJSON line)
 * @param node     the parsed JSON object; {@code null} exactly when there are problems
 * @param problems why this item could not be parsed; pointers are relative to the item
 */
public record BatchItem(int index, JsonNode node, List<Problem> problems) {

    public BatchItem {
        problems = problems == null ? List.of() : List.copyOf(problems);
        if ((node == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a batch item has either a node or problems, not both or neither");
        }
    }

    static BatchItem parsed(int index, JsonNode node) {
        return new BatchItem(index, node, List.of());
    }

    static BatchItem failed(int index, List<Problem> problems) {
        return new BatchItem(index, null, problems);
    }

    /** True when the item parsed (its node may still fail validation later). */
    public boolean ok() {
        return node != null;
    }
}
