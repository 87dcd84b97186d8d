package com.productos.supervisor.session;

import java.util.Locale;

/** Where a chat session stands: nothing running, a turn running, or a turn paused on a person's decision. */
public enum SessionStatus {
    IDLE,
    RUNNING,
    AWAITING_APPROVAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
