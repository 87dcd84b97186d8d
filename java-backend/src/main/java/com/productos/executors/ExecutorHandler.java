package com.productos.executors;

import tools.jackson.databind.JsonNode;

/** Handles the requests of one executor path: JSON in, JSON out. Called on a worker thread. */
@FunctionalInterface
public interface ExecutorHandler {
    JsonNode handle(ExecutorRequest request) throws ExecutorFailure;
}
