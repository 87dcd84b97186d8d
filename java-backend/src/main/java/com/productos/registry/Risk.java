package com.productos.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** How much harm a tool can do; the policy's starting point. */
public enum Risk {
    LOW,
    MEDIUM,
    HIGH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Risk> parse(String text) {
        for (Risk risk : values()) {
            if (risk.wireName().equals(text)) return Optional.of(risk);
        }
        return Optional.empty();
    }
}
