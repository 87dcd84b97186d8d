package com.productos.executors;

/** Something an executor made while handling a request; it travels in the answer's {@code artifacts}. */
public record ExecutorArtifact(String name, String uri, String mediaType) {}
