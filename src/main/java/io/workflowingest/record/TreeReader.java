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
import java.nio.charset.StandardCharsets;

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

    /** Parses exactly one JSON value from {@code len} bytes at {@code off} (valid UTF-8, checked by the caller). */
    JsonNode read(byte[] bytes, int off, int len) {
        Problems problems = new Problems();
        JsonNode root;
        // Decoded here rather than handed to Jackson as bytes: without field-name canonicalization
        // Jackson reads a byte range through a Reader, and past 8 KiB it builds that Reader over
        // the wrong range (jackson-core 2.21 ByteSourceJsonBootstrapper.constructReader passes the
        // end index as the length), so a large batch element at a non-zero offset was read
        // together with up to `off` bytes of what follows it and rejected. Parsing chars uses the
        // same parser class, with exact bounds and no InputStreamReader per call.
        char[] chars = new String(bytes, off, len, StandardCharsets.UTF_8).toCharArray();
        try (JsonParser parser = factory.createParser(chars, 0, chars.length)) {
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

    /**
     * An open object or array, and how it was reached. Its JSON pointer is built only when a
     * message needs it: building one per value would allocate thousands of strings per large
     * record for nothing (bench/RESULTS.md).
     */
    private static final class Frame {
        final ContainerNode<?> node;
        final Frame parent;
        /** The member name (in an object parent) or index (in an array parent) that reached it. */
        final String key;
        final int index;
        private String pointer;
        String pendingKey;

        Frame(ContainerNode<?> node, Frame parent, String key, int index) {
            this.node = node;
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        String pointer() {
            if (pointer == null) {
                pointer = parent == null ? Pointers.ROOT
                        : key != null ? Pointers.member(parent.pointer(), key) : Pointers.item(parent.pointer(), index);
            }
            return pointer;
        }

        /** The pointer of the value about to be added. */
        String childPointer() {
            return node.isObject() ? Pointers.member(pointer(), pendingKey) : Pointers.item(pointer(), node.size());
        }

        void add(JsonNode child) {
            if (node.isObject()) {
                ((ObjectNode) node).set(pendingKey, child);
            } else {
                ((ArrayNode) node).add(child);
            }
        }
    }

    private static String childPointer(Frame top) {
        return top == null ? Pointers.ROOT : top.childPointer();
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
                    if (depth == maxDepth) {
                        throw Problems.single(Pointers.ROOT, "The document is nested deeper than " + maxDepth
                                + " levels (at " + childPointer(top) + "); flatten it.");
                    }
                    ContainerNode<?> container = token == JsonToken.START_OBJECT
                            ? JsonNodes.FACTORY.objectNode() : JsonNodes.FACTORY.arrayNode();
                    String key = top != null && top.node.isObject() ? top.pendingKey : null;
                    int index = top != null && !top.node.isObject() ? top.node.size() : -1;
                    if (top != null) {
                        top.add(container);
                    }
                    top = new Frame(container, top, key, index);
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
                    String bad = Texts.unpairedSurrogate(name);
                    if (bad != null) {
                        problems.add(Pointers.ROOT, "The key " + Texts.quote(name) + " in " + where(top) + " contains " + bad + ".");
                    }
                    if (top.node.has(name)) {
                        problems.add(Pointers.ROOT, "The key " + Texts.quote(name) + " appears more than once in "
                                + where(top) + "; send each key once.");
                    }
                    top.pendingKey = name;
                    break;
                }
                default: {
                    JsonNode scalar = scalar(parser, token, top, problems);
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

    private static String where(Frame object) {
        return object.pointer().isEmpty() ? "the top-level object" : "the object at " + object.pointer();
    }

    /** A scalar value; {@code top} is where it goes (null at the top level), for messages. */
    private static JsonNode scalar(JsonParser parser, JsonToken token, Frame top, Problems problems)
            throws IOException {
        switch (token) {
            case VALUE_STRING: {
                String text = parser.getText();
                String bad = Texts.unpairedSurrogate(text);
                if (bad != null) {
                    problems.add(Pointers.ROOT, "The string at " + display(childPointer(top)) + " contains " + bad + ".");
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
                    problems.add(Pointers.ROOT, text + " at " + display(childPointer(top))
                            + " is not a JSON number; send a finite number, a string or null.");
                    return NullNode.getInstance();
                }
                try {
                    return DecimalNode.valueOf(parser.getDecimalValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    problems.add(Pointers.ROOT, "The number at " + display(childPointer(top)) + " cannot be represented: "
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
