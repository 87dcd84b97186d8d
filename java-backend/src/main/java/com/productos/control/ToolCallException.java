package com.productos.control;

import tools.jackson.databind.JsonNode;

/**
 * A call the control plane refused or could not complete, with a code from the shared table, a
 * message that says what to do, and structured data (failing fields, the run id, the approval id).
 */
public final class ToolCallException extends RuntimeException {
    private final ErrorCode code;
    private final JsonNode data;

    public ToolCallException(ErrorCode code, String message, JsonNode data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public ToolCallException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public JsonNode data() {
        return data;
    }
}
