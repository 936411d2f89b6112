package io.workflowingest.record;

/**
 * The id rules of RECORD.md for workflow_id, parent_workflow_id and campaign_id: ids are never
 * trimmed or altered, because tasks join on the exact id and ids travel percent-encoded in paths.
 */
final class Ids {
    static final int MAX_CODE_POINTS = 256;

    private Ids() {
    }

    /**
     * Why {@code id} is not a valid id, as a sentence starting with {@code subject}
     * ("workflow_id", "The id"), or null when it is valid.
     */
    static String problem(String subject, String id) {
        if (id == null) {
            return subject + " is missing; send a non-empty string.";
        }
        if (id.isEmpty()) {
            return subject + " is empty; send 1 to " + MAX_CODE_POINTS + " characters.";
        }
        int codePoints = id.codePointCount(0, id.length());
        if (codePoints > MAX_CODE_POINTS) {
            return subject + " is " + codePoints + " characters long; the limit is " + MAX_CODE_POINTS + ".";
        }
        int first = id.codePointAt(0);
        int last = id.codePointBefore(id.length());
        if (isSpace(first) || isSpace(last)) {
            return subject + " " + Texts.quote(id) + " has leading or trailing whitespace; ids are matched exactly "
                    + "and never trimmed, so send it without.";
        }
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (Character.isISOControl(cp)) {
                return subject + " " + Texts.quote(id) + " contains the control character "
                        + String.format("U+%04X", cp) + "; ids may not contain control characters.";
            }
            if (cp == '/' || cp == '\\') {
                return subject + " " + Texts.quote(id) + " contains '" + (char) cp
                        + "'; ids may not contain '/' or '\\' (they are used in URL paths).";
            }
            if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
                return subject + " contains an unpaired UTF-16 surrogate; send valid Unicode text.";
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** Whitespace in the Unicode sense, including no-break spaces that Character.isWhitespace excludes. */
    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
