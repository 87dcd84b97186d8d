package com.productos.supervisor;

/** A turn or session limit was reached; the message names the limit and how to raise it. */
final class LimitReachedException extends RuntimeException {
    LimitReachedException(String message) {
        super(message, null, false, false);
    }
}
