package com.productos.analytics.events;

/** A row of an imported file that was not stored: its line (or row) number and why. */
public record RejectedRow(long line, String reason) {
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
