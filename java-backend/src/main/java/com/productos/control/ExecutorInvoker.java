package com.productos.control;

import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one run's input to its tool's executor and returns what came back. The future fails with an
 * {@link ExecutorCallException} when the executor cannot be reached, times out or reports an error.
 */
public interface ExecutorInvoker {
    CompletableFuture<ExecutorResult> invoke(ToolDefinition tool, Run run);
}
