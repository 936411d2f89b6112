package io.workflowingest.platform;

import org.eclipse.microprofile.config.spi.Converter;

import java.util.Locale;

/** {@code true} or {@code false}, case-insensitive; anything else is a configuration error. */
public class StrictBooleanConverter implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
        };
    }
}
