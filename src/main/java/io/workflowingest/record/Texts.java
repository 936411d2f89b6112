package io.workflowingest.record;

/** Character-level checks on strings and how messages quote user text. */
final class Texts {
    /** Longest piece of user text repeated in a message; the rest is cut off. */
    private static final int QUOTE_LIMIT = 60;

    private Texts() {
    }

    /**
     * Why {@code s} cannot be stored, or null: a NUL character (PostgreSQL jsonb cannot hold
     * U+0000, RECORD.md "Validation") or an unpaired UTF-16 surrogate (not Unicode text; it can
     * only come from a {@code \ud800}-style escape or from a tree built in code).
     */
    static String unstorableCharacter(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "a NUL character (\\u0000), which cannot be stored";
            }
            if (Character.isSurrogate(c)) {
                if (isPaired(s, i)) {
                    i++; // the low half of the pair
                    continue;
                }
                return unpairedSurrogate(c);
            }
        }
        return null;
    }

    /** Like {@link #unstorableCharacter} but for surrogates only: NUL is valid JSON text. */
    static String unpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (isPaired(s, i)) {
                    i++;
                    continue;
                }
                return unpairedSurrogate(c);
            }
        }
        return null;
    }

    private static String unpairedSurrogate(char c) {
        return "an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + "), which is not valid Unicode text";
    }

    /** True for the JSON whitespace bytes of RFC 8259: space, tab, line feed, carriage return. */
    static boolean isJsonWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** User text in double quotes, control characters escaped, cut to a readable length. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), QUOTE_LIMIT) + 8).append('"');
        int n = Math.min(s.length(), QUOTE_LIMIT);
        if (n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--; // never cut a pair in half: a lone surrogate in a message breaks its JSON encoding
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) && !isPaired(s, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (s.length() > n) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /** A field name as it reads in a message: plain when it is a plain name, else quoted. */
    static String quoteIfOdd(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9');
            if (!plain) {
                return quote(name);
            }
        }
        return name.isEmpty() ? "\"\"" : name;
    }

    private static boolean isPaired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
