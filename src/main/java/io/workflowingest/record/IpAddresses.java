package io.workflowingest.record;

/**
 * IP literals for {@code public_ip} / {@code private_ip} (RECORD.md "Validation" and step 6),
 * parsed by hand: {@code InetAddress.getByName} would resolve anything that is not a literal
 * through DNS, and RECORD.md says literals are parsed, never resolved.
 */
public final class IpAddresses {
    /** The longest IPv6 text form: "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255". */
    private static final int MAX_TEXT_LENGTH = 45;

    private IpAddresses() {
    }

    /**
     * The canonical form of an IP literal, or null if {@code text} is not one. IPv4: four
     * decimal octets, no leading zeros, returned as is. IPv6: RFC 4291 text (with an optional
     * dotted IPv4 tail, without zone id or brackets), returned as RFC 5952 recommends: lower case,
     * no leading zeros, the longest run of two or more zero groups (the first on a tie)
     * compressed to "::", and IPv4-mapped addresses as "::ffff:a.b.c.d".
     */
    public static String canonical(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            int[] octets = parseIpv4(text, 0, text.length());
            return octets == null ? null : dotted(new StringBuilder(15), octets[0], octets[1], octets[2], octets[3]).toString();
        }
        int[] groups = parseIpv6(text);
        return groups == null ? null : formatIpv6(groups);
    }

    /** Four decimal octets in {@code text[from, to)}, or null. */
    private static int[] parseIpv4(String text, int from, int to) {
        int[] octets = new int[4];
        int i = from;
        for (int k = 0; k < 4; k++) {
            if (k > 0) {
                if (i >= to || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 4) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null; // leading zeros are ambiguous: some parsers read them as octal
            }
            octets[k] = value;
        }
        return i == to ? octets : null;
    }

    /** The eight 16-bit groups of an RFC 4291 text address, or null. */
    private static int[] parseIpv6(String text) {
        int len = text.length();
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            compressAt = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < len) {
            int start = i;
            int value = 0;
            while (i < len && i - start <= 4) {
                int digit = hexValue(text.charAt(i));
                if (digit < 0) {
                    break;
                }
                value = (value << 4) | digit;
                i++;
            }
            if (i < len && text.charAt(i) == '.') {
                // A dotted IPv4 tail stands for the last two groups.
                int[] octets = count <= 6 ? parseIpv4(text, start, len) : null;
                if (octets == null) {
                    return null;
                }
                groups[count++] = octets[0] << 8 | octets[1];
                groups[count++] = octets[2] << 8 | octets[3];
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == len) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null; // a zone id ("%eth0"), a bracket or any other character
            }
            i++;
            if (i < len && text.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null; // "::" may appear once
                }
                compressAt = count;
                i++;
            } else if (i == len) {
                return null; // a single trailing ':'
            }
        }
        if (compressAt < 0) {
            return count == 8 ? groups : null;
        }
        if (count > 7) {
            return null; // "::" stands for at least one group
        }
        int tail = count - compressAt;
        System.arraycopy(groups, compressAt, groups, 8 - tail, tail);
        java.util.Arrays.fill(groups, compressAt, 8 - tail, 0);
        return groups;
    }

    private static String formatIpv6(int[] g) {
        StringBuilder out = new StringBuilder(39);
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return dotted(out.append("::ffff:"), g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff).toString();
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed (RFC 5952 section 4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && g[i] == 0) {
                i++;
            }
            if (i - start > bestLength) { // strictly longer: the first run wins a tie (4.2.3)
                bestStart = start;
                bestLength = i - start;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength) {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    /** ASCII hex only: Character.digit would also take non-ASCII digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static StringBuilder dotted(StringBuilder out, int a, int b, int c, int d) {
        return out.append(a).append('.').append(b).append('.').append(c).append('.').append(d);
    }
}
