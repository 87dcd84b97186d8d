package com.productos.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** A policy outcome, ordered from least to most strict. */
public enum Verdict {
    ALLOW,
    REQUIRE_APPROVAL,
    DENY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Verdict stricter(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Optional<Verdict> parse(String text) {
        for (Verdict verdict : values()) {
            if (verdict.wireName().equals(text)) return Optional.of(verdict);
        }
        return Optional.empty();
    }
}
