package com.productos.executors;

import tools.jackson.databind.JsonNode;

/**
 * A request an executor could not fulfil, turned into a structured HTTP error:
 * {@code {"error": {"code", "message", "details"}}} with {@code httpStatus}. The message must say
 * what is wrong and what to do; it must never contain a secret.
 */
public final class ExecutorFailure extends Exception {
    private final int httpStatus;
    private final String code;
    private final JsonNode details;

    public ExecutorFailure(int httpStatus, String code, String message, JsonNode details) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.details = details;
    }

    public ExecutorFailure(int httpStatus, String code, String message) {
        this(httpStatus, code, message, null);
    }

    public static ExecutorFailure badRequest(String message, JsonNode details) {
        return new ExecutorFailure(400, "invalid_input", message, details);
    }

    public static ExecutorFailure notFound(String message) {
        return new ExecutorFailure(404, "not_found", message);
    }

    public static ExecutorFailure conflict(String message) {
        return new ExecutorFailure(409, "conflict", message);
    }

    public static ExecutorFailure unavailable(String message) {
        return new ExecutorFailure(503, "unavailable", message);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public JsonNode details() {
        return details;
    }
}
