package com.productos.executors;

import tools.jackson.databind.JsonNode;

/**
 * One call as an executor sees it: the tool input and the control plane's headers. {@code log}
 * collects log lines and artifacts that go back with the answer and land on the run.
 */
public record ExecutorRequest(
        String path, JsonNode input, String runId, String idempotencyKey, String actor, ExecutorLog log) {}
