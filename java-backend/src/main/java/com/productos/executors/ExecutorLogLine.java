package com.productos.executors;

/** A line an executor logged while handling a request; it travels in the answer's {@code logs}. */
public record ExecutorLogLine(String severity, String text) {}
