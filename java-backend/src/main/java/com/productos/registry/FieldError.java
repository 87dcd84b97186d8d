package com.productos.registry;

/** One failing field of a JSON value: an RFC 6901 pointer into the value, and what is wrong there. */
public record FieldError(String pointer, String message) {
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}
