package com.productos.common;

/** The embedded store failed; the message names the file or operation. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
