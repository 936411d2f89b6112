package io.workflowingest.record;

/** RFC 6901 JSON pointers for problem reports. */
final class Pointers {
    static final String ROOT = "";

    private Pointers() {
    }

    /** The pointer of member {@code key} of the object at {@code parent}; escapes '~' and '/'. */
    static String member(String parent, String key) {
        return parent + '/' + escape(key);
    }

    /** The pointer of item {@code index} of the array at {@code parent}. */
    static String item(String parent, int index) {
        return parent + '/' + index;
    }

    static String escape(String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            return key;
        }
        // Order matters (RFC 6901 section 4): '~' first, so that the '~' of "~1" is not re-escaped.
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** {@link #label} fit to start a sentence: "name", "The value at /used/epochs". */
    static String subject(String pointer) {
        String label = label(pointer);
        return label.startsWith("the ") ? "T" + label.substring(1) : label;
    }

    /**
     * How a message names the value at {@code pointer}: a top-level field by its name
     * ({@code used}), anything deeper by its pointer ({@code the value at /used/epochs}).
     */
    static String label(String pointer) {
        if (pointer.isEmpty()) {
            return "the record";
        }
        int second = pointer.indexOf('/', 1);
        if (second < 0) {
            String name = pointer.substring(1).replace("~1", "/").replace("~0", "~");
            return Texts.quoteIfOdd(name);
        }
        return "the value at " + pointer;
    }
}
