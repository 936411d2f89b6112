package io.workflowingest.record;

import java.math.BigDecimal;

/**
 * Which exact numbers the store can hold. Every JSON number lands in a PostgreSQL jsonb
 * {@code numeric}, which holds at most 131072 digits before the decimal point and 16383 after;
 * beyond that the insert fails ("value overflows numeric format"). Like the NUL rule of
 * RECORD.md, a value that cannot be stored is rejected up front with its pointer, instead of
 * failing the whole request in the database.
 */
final class Numbers {
    static final int MAX_INTEGER_DIGITS = 131_072;
    static final int MAX_FRACTION_DIGITS = 16_383;

    private Numbers() {
    }

    /** Why {@code value} cannot be stored, or null. */
    static String unstorable(BigDecimal value) {
        if (value.scale() > MAX_FRACTION_DIGITS) {
            return "has more than " + MAX_FRACTION_DIGITS + " digits after the decimal point, more than can be stored";
        }
        if (value.signum() != 0 && (long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            return "has more than " + MAX_INTEGER_DIGITS + " digits before the decimal point, more than can be stored";
        }
        return null;
    }
}
