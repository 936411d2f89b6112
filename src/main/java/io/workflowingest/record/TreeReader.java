package io.workflowingest.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/**
 * Builds a JsonNode tree from (already UTF-8-validated) bytes with Jackson's streaming parser,
 * adding the checks a plain ObjectMapper lacks: duplicate keys, unpaired surrogates from
 * {@code \\u} escapes, NaN/Infinity and nesting depth, each reported with where it is. Floats
 * become BigDecimal exactly as written, so "other numbers are kept exactly as sent" (step 3).
 */
final class TreeReader {
    private final JsonFactory factory;
    private final int maxDepth;

    TreeReader(int maxDepth) {
        this.maxDepth = maxDepth;
        this.factory = new JsonFactoryBuilder()
                // NaN and Infinity are tokenized so that the problem can name where they are;
                // they are still rejected below (RECORD.md: not valid JSON).
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // No symbol table shared across requests and fed by untrusted keys.
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                // Our own depth check, with a better message, always fires first.
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth + 1).build())
                .build();
    }

    /** Parses exactly one JSON value from {@code len} bytes at {@code off}. */
    JsonNode read(byte[] bytes, int off, int len) {
        Problems problems = new Problems();
        JsonNode root;
        try (JsonParser parser = factory.createParser(bytes, off, len)) {
            root = readValue(parser, problems);
            requireEnd(parser);
        } catch (StreamConstraintsException e) {
            throw Problems.single(Pointers.ROOT, "The body exceeds a parser limit: " + plain(e) + ".");
        } catch (JsonProcessingException e) {
            throw Problems.single(Pointers.ROOT, "The body is not valid JSON: " + plain(e) + where(e.getLocation()) + ".");
        } catch (IOException | RuntimeException e) {
            if (e instanceof RecordRejectedException) {
                throw (RecordRejectedException) e;
            }
            // Arbitrary bytes meet a third-party parser here; whatever it trips on is bad input.
            throw Problems.single(Pointers.ROOT, "The body is not valid JSON (" + e.getClass().getSimpleName() + ").");
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return root;
    }

    /** An open object or array, and how it was reached, for pointers in messages. */
    private static final class Frame {
        final ContainerNode<?> node;
        final Frame parent;
        final String pointer;
        String pendingKey;

        Frame(ContainerNode<?> node, Frame parent, String pointer) {
            this.node = node;
            this.parent = parent;
            this.pointer = pointer;
        }

        String childPointer() {
            return node.isObject() ? Pointers.member(pointer, pendingKey) : Pointers.item(pointer, node.size());
        }

        void add(JsonNode child) {
            if (node.isObject()) {
                ((ObjectNode) node).set(pendingKey, child);
            } else {
                ((ArrayNode) node).add(child);
            }
        }
    }

    private JsonNode readValue(JsonParser parser, Problems problems) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw Problems.single(Pointers.ROOT, "The body is empty; send one JSON object (a workflow record).");
        }
        Frame top = null;
        int depth = 0;
        while (true) {
            JsonNode done = null;
            switch (token) {
                case START_OBJECT:
                case START_ARRAY: {
                    String pointer = top == null ? Pointers.ROOT : top.childPointer();
                    if (depth == maxDepth) {
                        throw Problems.single(Pointers.ROOT, "The document is nested deeper than " + maxDepth
                                + " levels (at " + pointer + "); flatten it.");
                    }
                    ContainerNode<?> container = token == JsonToken.START_OBJECT
                            ? JsonNodes.FACTORY.objectNode() : JsonNodes.FACTORY.arrayNode();
                    if (top != null) {
                        top.add(container);
                    }
                    top = new Frame(container, top, pointer);
                    depth++;
                    break;
                }
                case END_OBJECT:
                case END_ARRAY:
                    depth--;
                    if (top.parent == null) {
                        done = top.node;
                    }
                    top = top.parent;
                    break;
                case FIELD_NAME: {
                    String name = parser.currentName();
                    String where = top.pointer.isEmpty() ? "the top-level object" : "the object at " + top.pointer;
                    String bad = Texts.unpairedSurrogate(name);
                    if (bad != null) {
                        problems.add(Pointers.ROOT, "The key " + Texts.quote(name) + " in " + where + " contains " + bad + ".");
                    }
                    if (top.node.has(name)) {
                        problems.add(Pointers.ROOT, "The key " + Texts.quote(name) + " appears more than once in "
                                + where + "; send each key once.");
                    }
                    top.pendingKey = name;
                    break;
                }
                default: {
                    String pointer = top == null ? Pointers.ROOT : top.childPointer();
                    JsonNode scalar = scalar(parser, token, pointer, problems);
                    if (top == null) {
                        done = scalar;
                    } else {
                        top.add(scalar);
                    }
                }
            }
            if (done != null) {
                return done;
            }
            token = parser.nextToken();
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token, String pointer, Problems problems)
            throws IOException {
        switch (token) {
            case VALUE_STRING: {
                String text = parser.getText();
                String bad = Texts.unpairedSurrogate(text);
                if (bad != null) {
                    problems.add(Pointers.ROOT, "The string at " + display(pointer) + " contains " + bad + ".");
                }
                return TextNode.valueOf(text);
            }
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(parser.getIntValue());
                    case LONG:
                        return LongNode.valueOf(parser.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT: {
                String text = parser.getText();
                if (!isNumberText(text)) {
                    problems.add(Pointers.ROOT, text + " at " + display(pointer)
                            + " is not a JSON number; send a finite number, a string or null.");
                    return NullNode.getInstance();
                }
                try {
                    return DecimalNode.valueOf(parser.getDecimalValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    problems.add(Pointers.ROOT, "The number at " + display(pointer) + " cannot be represented: "
                            + Texts.quote(text) + ".");
                    return NullNode.getInstance();
                }
            }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw Problems.single(Pointers.ROOT, "The body is not valid JSON: unexpected " + token + ".");
        }
    }

    /** Digits, sign, point and exponent only: NaN, Infinity and their spellings are not numbers. */
    private static boolean isNumberText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        JsonToken extra;
        try {
            extra = parser.nextToken();
        } catch (JsonProcessingException e) {
            extra = JsonToken.NOT_AVAILABLE;
        }
        if (extra != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw Problems.single(Pointers.ROOT, "The body has more content after the end of its JSON value"
                    + where(at) + "; send exactly one JSON object.");
        }
    }

    private static String display(String pointer) {
        return pointer.isEmpty() ? "the top level" : pointer;
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** Jackson's message without its location suffix or its hints about Jackson settings. */
    private static String plain(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int hint = m.indexOf(", from `");
        if (hint < 0) {
            hint = m.indexOf(" (through reference chain");
        }
        if (hint >= 0) {
            m = m.substring(0, hint) + (m.charAt(hint) == ',' ? ")" : "");
        }
        return m.strip();
    }
}
