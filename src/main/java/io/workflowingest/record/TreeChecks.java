package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Map;

/**
 * The checks of RECORD.md "Validation" that apply at any depth: nesting deeper than the limit,
 * NUL characters in keys or values (PostgreSQL jsonb cannot store them), and values that are
 * not JSON or cannot be stored (unpaired surrogates, NaN, huge numbers, or POJO/binary nodes
 * in a tree built in code). The walk is recursive but never descends past {@code maxDepth},
 * so a deep or even cyclic tree built in code ends in a problem, not a StackOverflowError.
 * Pointers are assembled only when a problem is found.
 */
final class TreeChecks {
    /** Beyond this many bits a BigInteger may have more digits than the store holds (131072 * log2(10)). */
    private static final int SUSPICIOUS_BIT_LENGTH = 435_000;

    private final int maxDepth;
    private final Problems problems;
    /** The pointer of the node being visited: segment i is keys[i], or indices[i] when keys[i] is null. */
    private final String[] keys;
    private final int[] indices;

    TreeChecks(int maxDepth, Problems problems) {
        this.maxDepth = maxDepth;
        this.problems = problems;
        this.keys = new String[maxDepth + 1];
        this.indices = new int[maxDepth + 1];
    }

    /**
     * Checks the value of top-level field {@code field} and everything below it.
     *
     * @return true when nothing was found
     */
    boolean checkField(String field, JsonNode value) {
        keys[0] = field;
        int before = problems.count();
        walk(value, 1);
        return problems.count() == before;
    }

    /** Visits {@code node}, whose pointer has {@code level} segments; a container there is at depth level + 1. */
    private void walk(JsonNode node, int level) {
        switch (node.getNodeType()) {
            case OBJECT:
                if (level + 1 > maxDepth) {
                    tooDeep(level);
                    return;
                }
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    String key = member.getKey();
                    keys[level] = key;
                    String bad = Texts.unstorableCharacter(key);
                    if (bad != null) {
                        problems.add(pointer(level + 1), "The key " + Texts.quote(key) + " in "
                                + Pointers.label(pointer(level)) + " contains " + bad + "; rename the key.");
                    }
                    walk(member.getValue(), level + 1);
                }
                break;
            case ARRAY:
                if (level + 1 > maxDepth) {
                    tooDeep(level);
                    return;
                }
                for (int i = 0, n = node.size(); i < n; i++) {
                    keys[level] = null;
                    indices[level] = i;
                    walk(node.get(i), level + 1);
                }
                break;
            case STRING: {
                String bad = Texts.unstorableCharacter(node.textValue());
                if (bad != null) {
                    String pointer = pointer(level);
                    problems.add(pointer, Pointers.subject(pointer) + " contains " + bad + "; remove it.");
                }
                break;
            }
            case NUMBER:
                checkNumber(node, level);
                break;
            case BOOLEAN:
            case NULL:
                break;
            default: {
                String pointer = pointer(level);
                problems.add(pointer, Pointers.subject(pointer) + " is " + JsonNodes.describe(node)
                        + "; only JSON values can be stored.");
            }
        }
    }

    private void checkNumber(JsonNode node, int level) {
        String bad = null;
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            bad = "is " + node.doubleValue() + ", not a finite number";
        } else if (node.isBigDecimal()) {
            bad = Numbers.unstorable(node.decimalValue());
        } else if (node.isBigInteger()) {
            BigInteger value = node.bigIntegerValue();
            if (value.bitLength() > SUSPICIOUS_BIT_LENGTH) {
                bad = Numbers.unstorable(new java.math.BigDecimal(value));
            }
        }
        if (bad != null) {
            String pointer = pointer(level);
            problems.add(pointer, Pointers.subject(pointer) + " " + bad + "; send a smaller number or a string.");
        }
    }

    private void tooDeep(int level) {
        String pointer = pointer(level);
        problems.add(pointer, Pointers.subject(pointer) + " is nested deeper than " + maxDepth
                + " levels; flatten it.");
    }

    private String pointer(int level) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < level; i++) {
            out.append('/');
            if (keys[i] != null) {
                out.append(Pointers.escape(keys[i]));
            } else {
                out.append(indices[i]);
            }
        }
        return out.toString();
    }
}
