package com.productos.control;

import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Stands in for the executors at the control plane's boundary (the HTTP path has its own tests):
 * answers per tool as scripted and counts the calls that reached it.
 */
final class ScriptedInvoker implements ExecutorInvoker {
    private final Map<String, Function<Run, CompletableFuture<ExecutorResult>>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    ScriptedInvoker answer(String tool, Function<Run, CompletableFuture<ExecutorResult>> answer) {
        answers.put(tool, answer);
        return this;
    }

    int calls(String tool) {
        AtomicInteger count = calls.get(tool);
        return count == null ? 0 : count.get();
    }

    @Override
    public CompletableFuture<ExecutorResult> invoke(ToolDefinition tool, Run run) {
        calls.computeIfAbsent(tool.name(), name -> new AtomicInteger()).incrementAndGet();
        Function<Run, CompletableFuture<ExecutorResult>> answer = answers.get(tool.name());
        if (answer == null) {
            return CompletableFuture.failedFuture(
                    new ExecutorCallException(ErrorCode.ExecutorUnavailable, "no executor for " + tool.name(), null));
        }
        return answer.apply(run);
    }
}
