package com.productos.daemon;

/** The workspace backend is not there (any more): it could not be started, stopped, or crashed mid-call. */
public final class BackendGone extends RuntimeException {
    public BackendGone(String message) {
        super(message);
    }
}
