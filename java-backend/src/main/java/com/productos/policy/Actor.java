package com.productos.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Who asked for a call: a person, the supervisor model loop, or an MCP client. */
public enum Actor {
    USER,
    SUPERVISOR,
    MCP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Actor> parse(String text) {
        for (Actor actor : values()) {
            if (actor.wireName().equals(text)) return Optional.of(actor);
        }
        return Optional.empty();
    }
}
