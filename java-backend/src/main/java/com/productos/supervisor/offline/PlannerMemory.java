package com.productos.supervisor.offline;

import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.TranscriptEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What earlier steps of the conversation left for "that", "it" and "them": the latest successful
 * output of each tool, and the input it was called with, read back from the transcript.
 */
final class PlannerMemory {
    record Outcome(JsonNode input, JsonNode output) {}

    private final Map<String, Outcome> latestByTool = new HashMap<>();
    private final Map<String, Integer> orderByTool = new HashMap<>();
    private String latestTool;
    private int counter;

    static PlannerMemory of(List<TranscriptEntry> transcript, Map<String, String> registryByModelName) {
        PlannerMemory memory = new PlannerMemory();
        Map<String, ProposedCall> calls = new HashMap<>();
        for (TranscriptEntry entry : transcript) {
            if (entry instanceof TranscriptEntry.ModelTurn turn) {
                for (ProposedCall call : turn.calls()) calls.put(call.callId(), call);
            } else if (entry instanceof TranscriptEntry.ToolResults results) {
                for (ToolResult result : results.results()) {
                    ProposedCall call = calls.get(result.callId());
                    String tool = registryByModelName.get(result.modelToolName());
                    if (result.isError() || call == null || tool == null) continue;
                    parse(result.content()).ifPresent(output -> {
                        memory.latestByTool.put(tool, new Outcome(call.arguments(), output));
                        memory.orderByTool.put(tool, ++memory.counter);
                        memory.latestTool = tool;
                    });
                }
            }
        }
        return memory;
    }

    Optional<Outcome> latest(String tool) {
        return Optional.ofNullable(latestByTool.get(tool));
    }

    /** The analysis most recently made, funnel or drivers, for "save that as an insight". */
    Optional<String> latestAnalysis() {
        Outcome funnel = latestByTool.get("analytics.funnel_summary");
        Outcome drivers = latestByTool.get("analytics.top_drivers");
        if (funnel == null && drivers == null) return Optional.empty();
        if (funnel == null) return Optional.of("analytics.top_drivers");
        if (drivers == null) return Optional.of("analytics.funnel_summary");
        return Optional.of(
                orderByTool.get("analytics.top_drivers") > orderByTool.get("analytics.funnel_summary")
                        ? "analytics.top_drivers"
                        : "analytics.funnel_summary");
    }

    /** The service the conversation was last about (deployed, checked or rolled back). */
    Optional<String> latestService() {
        for (String tool :
                List.of("cloudrun.get_service_status", "cloudrun.deploy_service", "cloudrun.rollback_service")) {
            if (tool.equals(latestTool) && latestByTool.containsKey(tool)) {
                return Optional.ofNullable(
                        latestByTool.get(tool).input().path("service_name").asString(null));
            }
        }
        for (String tool :
                List.of("cloudrun.deploy_service", "cloudrun.get_service_status", "cloudrun.rollback_service")) {
            Outcome outcome = latestByTool.get(tool);
            if (outcome != null)
                return Optional.ofNullable(outcome.input().path("service_name").asString(null));
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> parse(String content) {
        try {
            JsonNode node = Json.parse(content);
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonParseFailure truncated) {
            return Optional.empty();
        }
    }
}
