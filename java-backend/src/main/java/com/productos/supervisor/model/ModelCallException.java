package com.productos.supervisor.model;

/**
 * A model call that failed: the HTTP status ({@link ModelRetryPolicy#NO_RESPONSE} when no answer came),
 * the server's Retry-After if it sent one, and a message that names the provider and what to check.
 * Never carries a credential or a prompt.
 */
public final class ModelCallException extends Exception {
    private final int status;
    private final String retryAfter;

    public ModelCallException(int status, String retryAfter, String message) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** An answer that arrived but cannot be used; retrying the same request would not help. */
    public static ModelCallException unusable(String message) {
        return new ModelCallException(-1, null, message);
    }

    public int status() {
        return status;
    }

    public String retryAfter() {
        return retryAfter;
    }
}
