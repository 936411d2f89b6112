package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The node factory of this package and how messages name JSON types. */
final class JsonNodes {
    /**
     * Keeps BigDecimals exactly as parsed: RECORD.md step 3 keeps numbers "exactly as sent",
     * and the default factory may strip trailing zeros (2.50 would become 2.5).
     */
    static final JsonNodeFactory FACTORY = JsonNodeFactory.withExactBigDecimals(true);

    private JsonNodes() {
    }

    /** "an object", "a string", ... for messages such as "used must be an object; it is an array". */
    static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        switch (node.getNodeType()) {
            case OBJECT:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return "not a JSON value (" + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }
}
