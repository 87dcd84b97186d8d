package com.productos.runs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The life of a run. Terminal states never change again. */
public enum RunStatus {
    QUEUED(false),
    AWAITING_APPROVAL(false),
    RUNNING(false),
    SUCCEEDED(true),
    FAILED(true),
    CANCELLED(true),
    DENIED(true),
    INTERRUPTED(true);

    private final boolean terminal;

    RunStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> parse(String text) {
        for (RunStatus status : values()) {
            if (status.wireName().equals(text)) return Optional.of(status);
        }
        return Optional.empty();
    }
}
