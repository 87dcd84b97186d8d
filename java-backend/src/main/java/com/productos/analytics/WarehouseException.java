package com.productos.analytics;

/** The warehouse could not do what was asked; the message says what and, where it can, what to do. */
public final class WarehouseException extends RuntimeException {
    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }

    public WarehouseException(String message) {
        super(message);
    }
}
