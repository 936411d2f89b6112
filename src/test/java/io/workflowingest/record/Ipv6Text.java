package io.workflowingest.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IPv6 text forms for the property tests, written independently of IpAddresses: several valid
 * RFC 4291 spellings of one address, a plain parser, and RFC 5952's expected form by brute force.
 */
final class Ipv6Text {
    static final int STYLES = 6;

    private Ipv6Text() {
    }

    /** One of {@link #STYLES} valid spellings of the address {@code groups}. */
    static String format(int[] groups, int style) {
        switch (style) {
            case 0:
                return join(groups, 0, 8, false, false);
            case 1:
                return join(groups, 0, 8, true, true);
            case 2:
                return compressed(groups, 8, true, false) ;
            case 3:
                return compressed(groups, 8, false, true);
            case 4:
                return join(groups, 0, 6, false, true) + ":" + dotted(groups);
            default: {
                String head = compressed(groups, 6, true, false);
                return head + (head.endsWith(":") ? "" : ":") + dotted(groups);
            }
        }
    }

    /** The first {@code count} groups with one zero run (the first or the last found) written as "::". */
    private static String compressed(int[] groups, int count, boolean first, boolean upper) {
        int bestStart = -1;
        int bestEnd = -1;
        for (int i = 0; i < count; i++) {
            if (groups[i] != 0) {
                continue;
            }
            int j = i;
            while (j < count && groups[j] == 0) {
                j++;
            }
            if (bestStart < 0 || !first) {
                bestStart = i;
                bestEnd = j;
            }
            i = j;
        }
        if (bestStart < 0) {
            return join(groups, 0, count, upper, false);
        }
        return join(groups, 0, bestStart, upper, false) + "::" + join(groups, bestEnd, count, upper, false);
    }

    private static String join(int[] groups, int from, int to, boolean upper, boolean padded) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String hex = Integer.toHexString(groups[i]);
            if (padded) {
                hex = "0".repeat(4 - hex.length()) + hex;
            }
            parts.add(upper ? hex.toUpperCase(Locale.ROOT) : hex);
        }
        return String.join(":", parts);
    }

    private static String dotted(int[] groups) {
        return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
    }

    /** The eight groups of a valid text address (no validation: the input is trusted). */
    static int[] parse(String text) {
        List<Integer> tailGroups = new ArrayList<>();
        String rest = text;
        int lastColon = rest.lastIndexOf(':');
        if (rest.indexOf('.') > 0) {
            String[] octets = rest.substring(lastColon + 1).split("\\.");
            rest = rest.substring(0, lastColon + 1) + "0:0";
            tailGroups.add(Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]));
            tailGroups.add(Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]));
        }
        int[] groups = new int[8];
        int split = rest.indexOf("::");
        String[] head = split < 0 ? rest.split(":") : parts(rest.substring(0, split));
        String[] tail = split < 0 ? new String[0] : parts(rest.substring(split + 2));
        for (int i = 0; i < head.length; i++) {
            groups[i] = Integer.parseInt(head[i], 16);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
        }
        if (!tailGroups.isEmpty()) {
            groups[6] = tailGroups.get(0);
            groups[7] = tailGroups.get(1);
        }
        return groups;
    }

    private static String[] parts(String s) {
        return s.isEmpty() ? new String[0] : s.split(":");
    }

    /** RFC 5952 by brute force: the longest run of two or more zero groups, the first on a tie. */
    static void assertRfc5952(int[] g, String canonical) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            assertEquals("::ffff:" + dotted(g), canonical);
            return;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            for (int end = start + 1; end <= 8; end++) {
                boolean zeros = true;
                for (int k = start; k < end; k++) {
                    zeros &= g[k] == 0;
                }
                if (zeros && end - start > bestLength) {
                    bestStart = start;
                    bestLength = end - start;
                }
            }
        }
        String expected = bestStart < 0 ? join(g, 0, 8, false, false)
                : join(g, 0, bestStart, false, false) + "::" + join(g, bestStart + bestLength, 8, false, false);
        assertEquals(expected, canonical);
    }
}
