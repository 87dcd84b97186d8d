package com.productos.supervisor;

import com.productos.control.ExecutorInvoker;
import com.productos.control.ExecutorResult;
import com.productos.json.Json;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The executors at the control plane's boundary, answering per tool as a test scripts them (their
 * HTTP path has its own tests), and counting the calls that reached them: a side effect happened
 * exactly when a call reached here.
 */
final class ToolAnswers implements ExecutorInvoker {
    private final Map<String, Function<Run, CompletableFuture<ExecutorResult>>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    ToolAnswers answer(String tool, String outputJson) {
        answers.put(
                tool,
                run -> CompletableFuture.completedFuture(
                        new ExecutorResult(Json.parse(outputJson), List.of(), List.of())));
        return this;
    }

    ToolAnswers answer(String tool, Function<Run, CompletableFuture<ExecutorResult>> answer) {
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
        if (answer == null)
            return CompletableFuture.failedFuture(new IllegalStateException("no scripted answer for " + tool.name()));
        return answer.apply(run);
    }
}
