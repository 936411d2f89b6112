package io.workflowingest.record;

import java.util.Arrays;

/**
 * Finds the byte range of each element of a batch body that is a JSON array, without parsing
 * the elements: API.md wants a bad element to fail alone, so only the array's own punctuation
 * decides whether the body can be split. Inside an element only strings and brackets are
 * tracked (with a type stack, so "[1}" is caught); whatever else is wrong with an element is
 * found when that element alone is parsed. No Jackson here: a lenient Jackson parser keeps one
 * context object per nesting level, and a 5 MiB body of '[' would be 5 million of them.
 */
final class ArraySplitter {
    private ArraySplitter() {
    }

    /**
     * The elements of the array in {@code body} as {@code [start0, end0, start1, end1, ...]}
     * (end exclusive). Throws {@link BatchTooLargeException} as soon as element
     * {@code maxElements + 1} starts, before anything else is looked at.
     */
    static int[] split(byte[] body, int maxElements) {
        int n = body.length;
        int i = Utf8.startsWithBom(body, 0, n) ? Utf8.BOM_LENGTH : 0;
        i = skipWhitespace(body, i);
        if (i == n) {
            throw unsplittable("The batch body is empty; send a JSON array of workflow records.");
        }
        if (body[i] != '[') {
            throw unsplittable("The batch body must be a JSON array of workflow records (or NDJSON, one record "
                    + "per line, as application/x-ndjson); it starts with " + describe(body[i]) + ".");
        }
        int[] bounds = new int[16];
        int count = 0;
        i = skipWhitespace(body, i + 1);
        if (i < n && body[i] == ']') {
            return requireEnd(body, i + 1, bounds, 0);
        }
        while (true) {
            if (i == n) {
                throw truncated();
            }
            if (count == maxElements) {
                throw new BatchTooLargeException("The batch has more than " + maxElements
                        + " records; send at most " + maxElements + " per request (ingest.limits.batch-records).");
            }
            int start = i;
            i = skipValue(body, i, count);
            if (bounds.length < 2 * count + 2) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * count] = start;
            bounds[2 * count + 1] = i;
            count++;
            i = skipWhitespace(body, i);
            if (i == n) {
                throw truncated();
            }
            if (body[i] == ']') {
                return requireEnd(body, i + 1, bounds, count);
            }
            if (body[i] != ',') {
                throw unsplittable("The batch array needs ',' or ']' after element " + (count - 1) + " (byte "
                        + i + "), found " + describe(body[i]) + ".");
            }
            i = skipWhitespace(body, i + 1);
        }
    }

    private static int[] requireEnd(byte[] body, int i, int[] bounds, int count) {
        i = skipWhitespace(body, i);
        if (i != body.length) {
            throw unsplittable("The batch body has content after the end of its array (byte " + i
                    + "); send exactly one JSON array.");
        }
        return Arrays.copyOf(bounds, 2 * count);
    }

    /** The end (exclusive) of the element starting at {@code i}. */
    private static int skipValue(byte[] body, int i, int index) {
        byte c = body[i];
        if (c == '{' || c == '[') {
            return skipContainer(body, i);
        }
        if (c == '"') {
            int end = skipString(body, i);
            if (end < 0) {
                throw truncated();
            }
            return end;
        }
        if (c == ']' || c == '}' || c == ',' || c == ':') {
            throw unsplittable("The batch array has no element " + index + " where one is expected (byte " + i
                    + "), found " + describe(c) + ".");
        }
        // A number or literal, right or wrong: parsing the element on its own will tell.
        int j = i;
        while (j < body.length && !isDelimiter(body[j])) {
            j++;
        }
        return j;
    }

    private static boolean isDelimiter(byte c) {
        return Texts.isJsonWhitespace(c) || c == ',' || c == ']' || c == '}' || c == '[' || c == '{' || c == '"'
                || c == ':';
    }

    private static int skipContainer(byte[] body, int i) {
        byte[] closers = new byte[16];
        int depth = 0;
        int n = body.length;
        int j = i;
        while (j < n) {
            byte c = body[j];
            if (c == '"') {
                j = skipString(body, j);
                if (j < 0) {
                    throw truncated();
                }
                continue;
            }
            if (c == '{' || c == '[') {
                if (depth == closers.length) {
                    closers = Arrays.copyOf(closers, depth * 2);
                }
                closers[depth++] = c == '{' ? (byte) '}' : (byte) ']';
            } else if (c == '}' || c == ']') {
                if (closers[depth - 1] != c) {
                    throw unsplittable("The batch body has a mismatched " + describe(c) + " at byte " + j
                            + " where " + describe(closers[depth - 1]) + " was expected.");
                }
                if (--depth == 0) {
                    return j + 1;
                }
            }
            j++;
        }
        throw truncated();
    }

    /** The end (exclusive) of the string whose opening quote is at {@code i}, or -1 if unterminated. */
    private static int skipString(byte[] body, int i) {
        int n = body.length;
        int j = i + 1;
        while (j < n) {
            byte c = body[j];
            if (c == '"') {
                return j + 1;
            }
            j += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    static int skipWhitespace(byte[] body, int i) {
        while (i < body.length && Texts.isJsonWhitespace(body[i])) {
            i++;
        }
        return i;
    }

    private static String describe(byte b) {
        int c = b & 0xFF;
        if (c >= 0x21 && c < 0x7F) {
            return "'" + (char) c + "'";
        }
        return String.format("byte 0x%02X", c);
    }

    private static RecordRejectedException truncated() {
        return unsplittable("The batch body ends inside its array (truncated?); send a complete JSON array.");
    }

    private static RecordRejectedException unsplittable(String message) {
        return Problems.single(Pointers.ROOT, message);
    }
}
