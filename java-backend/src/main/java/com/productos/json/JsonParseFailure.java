package com.productos.json;

/** JSON text that could not be parsed; the message is the parser's, with line and column. */
public final class JsonParseFailure extends RuntimeException {
    public JsonParseFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
