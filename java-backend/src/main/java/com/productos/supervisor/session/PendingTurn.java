package com.productos.supervisor.session;

import com.productos.json.Json;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.TranscriptCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of a turn that has not finished, persisted so it can resume after a pause or be reported
 * truthfully after a crash: its counters against the limits, the model's calls being worked through,
 * the results so far, and the call parked on an approval (or running) right now.
 */
public record PendingTurn(
        String turnId,
        Instant startedAt,
        int steps,
        int toolCalls,
        long inputTokens,
        long outputTokens,
        double costUsd,
        List<ProposedCall> calls,
        List<ToolResult> results,
        ActiveCall active) {

    /** The call being run (runId set once started) or parked on approval (approvalId set). */
    public record ActiveCall(String callId, String tool, String runId, String approvalId) {}

    public PendingTurn {
        calls = List.copyOf(calls);
        results = List.copyOf(results);
    }

    public static PendingTurn started(String turnId, Instant now) {
        return new PendingTurn(turnId, now, 0, 0, 0, 0, 0, List.of(), List.of(), null);
    }

    public PendingTurn withCalls(List<ProposedCall> nextCalls) {
        return new PendingTurn(
                turnId, startedAt, steps, toolCalls, inputTokens, outputTokens, costUsd, nextCalls, List.of(), null);
    }

    public PendingTurn withResult(ToolResult result) {
        List<ToolResult> next = new ArrayList<>(results);
        next.add(result);
        return new PendingTurn(
                turnId, startedAt, steps, toolCalls, inputTokens, outputTokens, costUsd, calls, next, null);
    }

    public PendingTurn withActive(ActiveCall call) {
        return new PendingTurn(
                turnId, startedAt, steps, toolCalls, inputTokens, outputTokens, costUsd, calls, results, call);
    }

    public PendingTurn countStep(long addInput, long addOutput, double addCost) {
        return new PendingTurn(
                turnId,
                startedAt,
                steps + 1,
                toolCalls,
                inputTokens + addInput,
                outputTokens + addOutput,
                costUsd + addCost,
                calls,
                results,
                active);
    }

    public PendingTurn countToolCall() {
        return new PendingTurn(
                turnId, startedAt, steps, toolCalls + 1, inputTokens, outputTokens, costUsd, calls, results, active);
    }

    public String toJson() {
        ObjectNode node = Json.object()
                .put("turnId", turnId)
                .put("startedAt", startedAt.toString())
                .put("steps", steps)
                .put("toolCalls", toolCalls)
                .put("inputTokens", inputTokens)
                .put("outputTokens", outputTokens)
                .put("costUsd", costUsd);
        node.set("calls", TranscriptCodec.calls(calls));
        ArrayNode array = node.putArray("results");
        for (ToolResult result : results) {
            array.addObject()
                    .put("callId", result.callId())
                    .put("tool", result.modelToolName())
                    .put("content", result.content())
                    .put("isError", result.isError());
        }
        if (active != null) {
            node.putObject("active")
                    .put("callId", active.callId())
                    .put("tool", active.tool())
                    .put("runId", active.runId())
                    .put("approvalId", active.approvalId());
        }
        return Json.write(node);
    }

    public static PendingTurn fromJson(String text) {
        if (text == null || text.isBlank()) return null;
        JsonNode node = Json.parse(text);
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode item : node.path("results")) {
            results.add(new ToolResult(
                    item.path("callId").asString(),
                    item.path("tool").asString(),
                    item.path("content").asString(""),
                    item.path("isError").asBoolean()));
        }
        JsonNode active = node.path("active");
        ActiveCall call = active.isObject()
                ? new ActiveCall(
                        active.path("callId").asString(),
                        active.path("tool").asString(null),
                        active.path("runId").asString(null),
                        active.path("approvalId").asString(null))
                : null;
        return new PendingTurn(
                node.path("turnId").asString(),
                Instant.parse(node.path("startedAt").asString()),
                node.path("steps").asInt(),
                node.path("toolCalls").asInt(),
                node.path("inputTokens").asLong(),
                node.path("outputTokens").asLong(),
                node.path("costUsd").asDouble(),
                TranscriptCodec.readCalls(node.path("calls")),
                results,
                call);
    }
}
