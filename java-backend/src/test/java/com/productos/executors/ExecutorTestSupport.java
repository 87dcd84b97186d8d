package com.productos.executors;

import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.json.Json;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/** Shared pieces of the executor tests: the bundled registry, runs, endpoints and bounded polling. */
public final class ExecutorTestSupport {
    public static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();

    private ExecutorTestSupport() {}

    public static ToolDefinition tool(String name) {
        return REGISTRY.find(name).orElseThrow();
    }

    public static Run run(String tool, JsonNode input, String idempotencyKey) {
        Instant now = Instant.now();
        return Run.queued(
                        "run-" + UUID.randomUUID(),
                        tool,
                        "user",
                        input,
                        Json.canonicalHash(input),
                        idempotencyKey,
                        null,
                        now)
                .withStatus(RunStatus.RUNNING, now);
    }

    public static Run run(String tool, String inputJson) {
        return run(tool, Json.parse(inputJson), null);
    }

    public static ExecutorEndpoint bearer(String name, URI baseUrl, String token) {
        return new ExecutorEndpoint(name, baseUrl, ExecutorAuth.BEARER, token);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; no fixed sleeps. */
    public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        return condition.getAsBoolean();
    }
}
