package com.productos.daemon;

/**
 * The workspace backend refused to start for a reason the person can fix (a damaged store, a workspace
 * it cannot prepare): its own one-line explanation, which a command reports as bad usage.
 */
public final class BackendCannotStart extends RuntimeException {
    public BackendCannotStart(String message) {
        super(message);
    }
}
