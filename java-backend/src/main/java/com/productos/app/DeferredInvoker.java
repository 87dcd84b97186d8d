package com.productos.app;

import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorInvoker;
import com.productos.control.ExecutorResult;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An invoker whose executors are still starting: calls wait for them, so the backend can answer the
 * editor's first requests while the embedded executors (databases, servers) come up in the background.
 * If they fail to start, every call fails with ExecutorUnavailable and the reason.
 */
final class DeferredInvoker implements ExecutorInvoker {
    private final CompletableFuture<ExecutorInvoker> ready;

    DeferredInvoker(CompletableFuture<ExecutorInvoker> ready) {
        this.ready = ready;
    }

    @Override
    public CompletableFuture<ExecutorResult> invoke(ToolDefinition tool, Run run) {
        return ready.handle((invoker, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                throw new ExecutorCallException(ErrorCode.ExecutorUnavailable,
                        "the embedded executors did not start: " + cause.getMessage(), null);
            }
            return invoker;
        }).thenCompose(invoker -> invoker.invoke(tool, run));
    }
}
