package com.productos.supervisor;

/** Thrown inside a turn once it was cancelled, to unwind to the loop that records the outcome. */
public final class TurnCancelledException extends RuntimeException {
    public TurnCancelledException() {
        super("the turn was cancelled", null, false, false);
    }
}
