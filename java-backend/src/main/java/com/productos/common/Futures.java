package com.productos.common;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What failed inside a future, without the wrappers the future machinery adds around it. */
public final class Futures {
    private Futures() {}

    /** Strips CompletionException and ExecutionException layers that carry a cause. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
