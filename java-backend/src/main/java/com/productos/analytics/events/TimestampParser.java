package com.productos.analytics.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Reads event timestamps: ISO-8601 instants ("2026-03-01T10:00:00Z", with any offset), date-times
 * without an offset ("2026-03-01 10:00:00", taken as UTC), or whole numbers since the epoch in a
 * unit the mapping names. A number without a unit is refused rather than guessed: seconds and
 * milliseconds differ by a factor of 1000 and a wrong guess silently moves every event.
 */
public final class TimestampParser {
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private TimestampParser() {}

    /** The instant, or an {@link IllegalArgumentException} whose message says what is wrong and what to do. */
    public static Instant parse(String raw, TimestampUnit unit) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) throw new IllegalArgumentException("timestamp is empty");
        Instant instant = isWholeNumber(text) ? fromNumber(text, unit) : fromText(text);
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new IllegalArgumentException("timestamp '" + text + "' is " + instant
                    + ", outside 1970..2100; check the timestamp unit (s, ms or us)");
        }
        return instant;
    }

    private static Instant fromNumber(String text, TimestampUnit unit) {
        if (unit == null) {
            throw new IllegalArgumentException("timestamp '" + text
                    + "' is a number but no unit was given; add unit=s, unit=ms or unit=us to the mapping");
        }
        try {
            return unit.toInstant(Long.parseLong(text));
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException("timestamp '" + text + "' is out of range for unit " + unit.code());
        }
    }

    private static Instant fromText(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // Not an instant with an offset: try a local date-time taken as UTC.
        }
        try {
            return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timestamp '" + text
                    + "' is not an ISO-8601 date-time (e.g. 2026-03-01T10:00:00Z) nor a number with a unit");
        }
    }

    private static boolean isWholeNumber(String text) {
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) return false;
        for (int i = start; i < text.length(); i++) if (!Character.isDigit(text.charAt(i))) return false;
        return true;
    }
}
