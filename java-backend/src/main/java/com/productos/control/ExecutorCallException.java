package com.productos.control;

import tools.jackson.databind.JsonNode;

/**
 * An executor call that did not produce an output: {@code code} is ExecutorUnavailable,
 * ExecutorTimeout or ExecutorError; {@code details} carries the executor's structured error, if any.
 */
public final class ExecutorCallException extends RuntimeException {
    private final ErrorCode code;
    private final JsonNode details;

    public ExecutorCallException(ErrorCode code, String message, JsonNode details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public JsonNode details() {
        return details;
    }
}
