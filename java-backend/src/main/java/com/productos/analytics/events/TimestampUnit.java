package com.productos.analytics.events;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** How a numeric timestamp column counts time since the Unix epoch. */
public enum TimestampUnit {
    SECONDS("s", 1_000_000L),
    MILLIS("ms", 1_000L),
    MICROS("us", 1L);

    private final String code;
    private final long micros;

    TimestampUnit(String code, long micros) {
        this.code = code;
        this.micros = micros;
    }

    public String code() {
        return code;
    }

    public static Optional<TimestampUnit> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (TimestampUnit unit : values()) if (unit.code.equals(wanted)) return Optional.of(unit);
        return Optional.empty();
    }

    public Instant toInstant(long value) {
        return EventKeys.fromEpochMicros(Math.multiplyExact(value, micros));
    }
}
