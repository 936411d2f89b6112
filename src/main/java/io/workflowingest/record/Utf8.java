package io.workflowingest.record;

/**
 * Strict UTF-8 validation (RFC 3629), done before Jackson sees the bytes: Jackson's decoder
 * accepts overlong forms and encoded surrogates, which are not UTF-8 and which PostgreSQL
 * rejects. RECORD.md: invalid UTF-8 is not valid JSON.
 */
final class Utf8 {
    /** The UTF-8 byte order mark; RFC 8259 lets a parser ignore it at the start of a text. */
    static final int BOM_LENGTH = 3;

    private Utf8() {
    }

    static boolean startsWithBom(byte[] b, int off, int len) {
        return len >= BOM_LENGTH && (b[off] & 0xFF) == 0xEF && (b[off + 1] & 0xFF) == 0xBB
                && (b[off + 2] & 0xFF) == 0xBF;
    }

    /** The offset (relative to {@code off}) of the first byte that is not valid UTF-8, or -1. */
    static int firstInvalid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int lead = b[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            int need;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (lead < 0xC2) {
                return i - off; // a continuation byte out of place, or C0/C1 (overlong 2-byte form)
            } else if (lead < 0xE0) {
                need = 1;
            } else if (lead < 0xF0) {
                need = 2;
                if (lead == 0xE0) {
                    min2 = 0xA0; // below is an overlong 3-byte form
                } else if (lead == 0xED) {
                    max2 = 0x9F; // above is a UTF-16 surrogate, D800..DFFF
                }
            } else if (lead < 0xF5) {
                need = 3;
                if (lead == 0xF0) {
                    min2 = 0x90; // below is an overlong 4-byte form
                } else if (lead == 0xF4) {
                    max2 = 0x8F; // above is beyond U+10FFFF
                }
            } else {
                return i - off;
            }
            if (i + need >= end) {
                return i - off; // truncated sequence at the end
            }
            int second = b[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i - off;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i - off;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}
