package io.workflowingest.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * {@code utc_timestamp}, {@code started_at}, {@code ended_at}: RECORD.md step 3 and its
 * validation rules. Epoch seconds are exact decimals throughout (BigDecimal), never doubles:
 * Flowcept sends microseconds, and a double round trip would change them.
 */
final class Timestamps {
    /** A number at or above 1e12 is epoch milliseconds (1e12 s would be the year 33658). */
    static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(1_000_000_000_000L);
    /** 2100-01-01T00:00:00Z: a timestamp at or after it is rejected. */
    static final BigDecimal END = BigDecimal.valueOf(4_102_444_800L);

    private static final String EXPECTED = "epoch seconds (a number) or an ISO-8601 time with an offset, "
            + "such as 2026-08-04T12:34:56Z or 2026-08-04T14:34:56.123456+02:00";

    private Timestamps() {
    }

    /** The timestamp as epoch seconds, or null after adding the problem to {@code problems}. */
    static JsonNode normalize(String field, JsonNode value, String pointer, Problems problems) {
        if (value.isNumber()) {
            return fromNumber(field, value, pointer, problems);
        }
        if (value.isTextual()) {
            return fromIso(field, value.textValue(), pointer, problems);
        }
        problems.add(pointer, field + " must be " + EXPECTED + "; it is " + JsonNodes.describe(value) + ".");
        return null;
    }

    private static JsonNode fromNumber(String field, JsonNode value, String pointer, Problems problems) {
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            problems.add(pointer, field + " must be a finite number of epoch seconds.");
            return null;
        }
        BigDecimal sent = value.decimalValue();
        if (sent.signum() < 0) {
            problems.add(pointer, field + " is negative (" + Texts.quote(sent.toString())
                    + "); send epoch seconds since 1970.");
            return null;
        }
        if (sent.compareTo(MILLIS_THRESHOLD) < 0) {
            // Kept exactly as sent: the node itself, with its own number type (step 3).
            return isBeforeEnd(field, sent, pointer, problems, "") ? value : null;
        }
        BigDecimal seconds = millisToSeconds(sent);
        boolean inRange = isBeforeEnd(field, seconds, pointer, problems,
                " (it is at least 1e12, so it was read as epoch milliseconds)");
        return inRange ? numberNode(seconds) : null;
    }

    /**
     * Divides by 1000 exactly; zeros the division itself leaves after the point are dropped.
     * Cannot overflow: the scale only grows by 3, and a value of 1e12 or more has fewer
     * fractional digits than digits, which a BigInteger cannot have 2^31 of.
     */
    static BigDecimal millisToSeconds(BigDecimal millis) {
        BigDecimal seconds = millis.movePointLeft(3);
        if (seconds.scale() > 0) {
            seconds = seconds.stripTrailingZeros();
            if (seconds.scale() < 0) {
                seconds = seconds.setScale(0);
            }
        }
        return seconds;
    }

    private static boolean isBeforeEnd(String field, BigDecimal seconds, String pointer, Problems problems,
            String how) {
        if (seconds.compareTo(END) >= 0) {
            problems.add(pointer, field + " is at or after 2100-01-01T00:00:00Z (4102444800 epoch seconds)" + how
                    + "; send epoch seconds.");
            return false;
        }
        return true;
    }

    private static JsonNode numberNode(BigDecimal seconds) {
        // An integral result reads back as the same node type a parser would produce for it.
        return seconds.scale() <= 0 ? LongNode.valueOf(seconds.longValueExact()) : DecimalNode.valueOf(seconds);
    }

    private static JsonNode fromIso(String field, String text, String pointer, Problems problems) {
        IsoTime.Result parsed = IsoTime.parse(text);
        if (parsed.problem() != null) {
            problems.add(pointer, field + " " + Texts.quote(text) + " " + parsed.problem() + "; send " + EXPECTED + ".");
            return null;
        }
        BigDecimal seconds = parsed.epochSeconds();
        if (seconds.signum() < 0) {
            problems.add(pointer, field + " " + Texts.quote(text) + " is before 1970-01-01T00:00:00Z.");
            return null;
        }
        String unstorable = Numbers.unstorable(seconds);
        if (unstorable != null) {
            problems.add(pointer, field + " " + Texts.quote(text) + " " + unstorable + ".");
            return null;
        }
        return isBeforeEnd(field, seconds, pointer, problems, "") ? numberNode(seconds) : null;
    }

    /**
     * A hand parser for ISO-8601 extended date-times with an offset:
     * {@code YYYY-MM-DD(T|t| )hh:mm[:ss[(.|,)fraction]](Z|z|±hh[:mm]|±hhmm)}. java.time would cap
     * the fraction at nanoseconds; here every digit is kept, exactly.
     */
    static final class IsoTime {
        record Result(BigDecimal epochSeconds, String problem) {
        }

        private final String s;
        private int i;

        private IsoTime(String s) {
            this.s = s;
        }

        static Result parse(String text) {
            return new IsoTime(text).parse();
        }

        private Result parse() {
            int year = digits(4);
            if (year < 0 || !literal('-')) {
                return notIso();
            }
            int month = digits(2);
            if (month < 0 || !literal('-')) {
                return notIso();
            }
            int day = digits(2);
            if (day < 0 || i >= s.length() || "Tt ".indexOf(s.charAt(i)) < 0) {
                return notIso();
            }
            i++;
            int hour = digits(2);
            if (hour < 0 || !literal(':')) {
                return notIso();
            }
            int minute = digits(2);
            if (minute < 0) {
                return notIso();
            }
            int second = 0;
            String fraction = "";
            if (literal(':')) {
                second = digits(2);
                if (second < 0) {
                    return notIso();
                }
                if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < s.length() && isDigit(s.charAt(i))) {
                        i++;
                    }
                    if (i == start) {
                        return notIso();
                    }
                    if (i - start > Numbers.MAX_FRACTION_DIGITS) {
                        return new Result(null, "has more than " + Numbers.MAX_FRACTION_DIGITS
                                + " fractional digits, more than can be stored");
                    }
                    fraction = s.substring(start, i);
                }
            }
            if (i == s.length()) {
                return new Result(null, "has no UTC offset, so the instant is unknown; add Z or an offset such as +02:00");
            }
            int offsetSeconds;
            char sign = s.charAt(i++);
            if (sign == 'Z' || sign == 'z') {
                offsetSeconds = 0;
            } else if (sign == '+' || sign == '-') {
                int offsetHours = digits(2);
                int offsetMinutes = 0;
                if (offsetHours < 0) {
                    return notIso();
                }
                if (i < s.length()) {
                    literal(':');
                    offsetMinutes = digits(2);
                    if (offsetMinutes < 0) {
                        return notIso();
                    }
                }
                if (offsetHours > 23 || offsetMinutes > 59) {
                    return new Result(null, "has an offset out of range");
                }
                offsetSeconds = (sign == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
            } else {
                return notIso();
            }
            if (i != s.length()) {
                return notIso();
            }
            if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                    || hour > 23 || minute > 59 || second > 59) {
                return new Result(null, "is not a valid date and time");
            }
            long epoch = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second
                    - offsetSeconds;
            BigDecimal seconds = BigDecimal.valueOf(epoch);
            if (!fraction.isEmpty()) {
                seconds = seconds.add(new BigDecimal(new BigInteger(fraction), fraction.length()));
            }
            return new Result(seconds, null);
        }

        private static Result notIso() {
            return new Result(null, "is not a timestamp");
        }

        /** {@code count} ASCII digits as a number, or -1. */
        private int digits(int count) {
            if (i + count > s.length()) {
                return -1;
            }
            int value = 0;
            for (int k = 0; k < count; k++) {
                char c = s.charAt(i + k);
                if (!isDigit(c)) {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            i += count;
            return value;
        }

        private boolean literal(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
