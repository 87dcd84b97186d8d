package com.productos.runs;

import tools.jackson.databind.JsonNode;

/**
 * Why a run did not succeed: the error-code name and number from the shared table, a message a
 * person can act on, and structured details (for example the failing fields). Never a stack trace.
 */
public record RunError(String code, int numericCode, String message, JsonNode details) {
    /** An entry of the shared error-code table (the control plane's ErrorCode). */
    public interface Code {
        String name();

        int code();
    }

    public static RunError of(Code code, String message) {
        return new RunError(code.name(), code.code(), message, null);
    }

    public static RunError of(Code code, String message, JsonNode details) {
        return new RunError(code.name(), code.code(), message, details);
    }
}
