package com.productos.supervisor;

import java.util.Locale;

/** Why a turn ended, as turn_finished reports it. */
public enum StopReason {
    COMPLETED,
    LIMIT,
    CANCELLED,
    ERROR,
    AWAITING_APPROVAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
