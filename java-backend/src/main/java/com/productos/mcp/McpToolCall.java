package com.productos.mcp;

import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.control.RunEventListener;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunStatus;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code tools/call} for one registry tool: a run started through the control plane as actor
 * {@code mcp}, waited for until it ends or parks for approval, with progress notifications while it runs
 * (when the client sent a progress token) and cancellation by {@code notifications/cancelled}.
 */
final class McpToolCall implements BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> {
    private static final Logger LOG = LoggerFactory.getLogger(McpToolCall.class);
    /** A client may pass an idempotency key in {@code _meta}; a repeated key returns the first run. */
    static final String IDEMPOTENCY_KEY_META = "productos/idempotencyKey";
    /** How often a wait re-reads the run, for runs that another process releases (an approval decided in the CLI). */
    private static final Duration RECHECK = Duration.ofSeconds(2);

    private final ControlPlane controlPlane;
    private final CallCancellations cancellations;
    private final Executor notifier;
    private final Duration maxWait;

    McpToolCall(ControlPlane controlPlane, CallCancellations cancellations, Executor notifier, Duration maxWait) {
        this.controlPlane = controlPlane;
        this.cancellations = cancellations;
        this.notifier = notifier;
        this.maxWait = maxWait;
    }

    @Override
    public CallToolResult apply(McpSyncServerExchange exchange, CallToolRequest request) {
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        JsonNode input = Json.MAPPER.valueToTree(request.arguments() == null ? Map.of() : request.arguments());
        String idempotencyKey = meta.get(IDEMPOTENCY_KEY_META) instanceof String key ? key : null;
        Run started;
        try {
            started = controlPlane.start(new CallRequest(request.name(), input, Actor.MCP, idempotencyKey, null));
        } catch (ToolCallException refused) {
            return RunResults.refused(request.name(), refused);
        }
        if (started.status().isTerminal() || started.status() == RunStatus.AWAITING_APPROVAL) {
            return RunResults.of(controlPlane.get(started.id()));
        }
        CallTag tag = CallTag.read(meta);
        String runId = started.id();
        ProgressReporter progress = meta.get("progressToken") == null
                ? null
                : new ProgressReporter(exchange, meta.get("progressToken"), runId);
        if (progress != null) {
            controlPlane.addListener(progress);
            // The first note names the run (its status changes may have passed before the listener was added).
            progress.send(started.tool() + " started as run " + runId + " (" + RunResource.uri(runId) + ")");
        }
        cancellations.register(tag, () -> cancelQuietly(runId));
        try {
            return RunResults.of(controlPlane.get(awaitSettled(runId).id()));
        } finally {
            cancellations.unregister(tag);
            if (progress != null) controlPlane.removeListener(progress);
        }
    }

    private Run awaitSettled(String runId) {
        Instant deadline = Instant.now().plus(maxWait);
        while (true) {
            try {
                return controlPlane.settle(runId).get(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Run now = controlPlane.get(runId);
                if (now.status().isTerminal() || now.status() == RunStatus.AWAITING_APPROVAL) return now;
                if (Instant.now().isAfter(deadline)) return now;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelQuietly(runId);
                return controlPlane.get(runId);
            } catch (ExecutionException e) {
                LOG.warn("waiting for run {} failed", runId, e.getCause());
                return controlPlane.get(runId);
            }
        }
    }

    private void cancelQuietly(String runId) {
        try {
            controlPlane.cancel(runId);
            LOG.info("run {} cancelled by the MCP client", runId);
        } catch (ToolCallException alreadyOver) {
            LOG.debug("cancelling run {}: {}", runId, alreadyOver.getMessage());
        }
    }

    /** Turns a run's status changes and log lines into progress notifications, off the control plane's threads. */
    private final class ProgressReporter implements RunEventListener {
        private final McpSyncServerExchange exchange;
        private final Object token;
        private final String runId;
        private final AtomicInteger step = new AtomicInteger();

        ProgressReporter(McpSyncServerExchange exchange, Object token, String runId) {
            this.exchange = exchange;
            this.token = token;
            this.runId = runId;
        }

        @Override
        public void runUpdated(Run run) {
            if (run.id().equals(runId)) send(run.tool() + " " + run.status().wireName());
        }

        @Override
        public void runLog(RunLogLine line) {
            if (line.runId().equals(runId)) send(line.text());
        }

        void send(String message) {
            double progress = step.incrementAndGet();
            notifier.execute(() -> {
                try {
                    exchange.progressNotification(new ProgressNotification(token, progress, null, message));
                } catch (RuntimeException e) {
                    LOG.debug("a progress notification for run {} could not be sent: {}", runId, e.getMessage());
                }
            });
        }
    }
}
