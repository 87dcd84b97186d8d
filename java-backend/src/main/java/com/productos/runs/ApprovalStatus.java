package com.productos.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The life of an approval: pending until a person decides or it expires; approved ones are used once. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CONSUMED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApprovalStatus> parse(String text) {
        for (ApprovalStatus status : values()) {
            if (status.wireName().equals(text)) return Optional.of(status);
        }
        return Optional.empty();
    }
}
