package com.productos.mcp;

import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunStatus;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * A run as an MCP tool result. A succeeded run gives its output as {@code structuredContent} (checked
 * against the output schema by the control plane) with the same JSON as text; anything else is a tool
 * error (isError) whose text says what happened and what to do, so the model can read it and tell the
 * person. The run id and status are in {@code _meta} under {@code productos/run}.
 */
final class RunResults {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private RunResults() {}

    static CallToolResult of(Run run) {
        return switch (run.status()) {
            case SUCCEEDED -> succeeded(run);
            case AWAITING_APPROVAL -> awaitingApproval(run);
            case QUEUED, RUNNING -> stillRunning(run);
            default -> ended(run);
        };
    }

    /** A call the control plane refused before it became a run (unknown tool, unusable key, bad input). */
    static CallToolResult refused(String tool, ToolCallException refusal) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("code", refusal.code().name());
        if (refusal.data() != null) meta.putAll(Json.MAPPER.convertValue(refusal.data(), MAP));
        String runId = refusal.data() != null && refusal.data().hasNonNull("runId")
                ? refusal.data().get("runId").asString()
                : null;
        StringBuilder text = new StringBuilder(tool)
                .append(" was refused (")
                .append(refusal.code().name())
                .append("): ")
                .append(refusal.getMessage());
        if (runId != null)
            text.append(". The refusal is recorded as run ").append(runId).append('.');
        return error(text.toString(), Map.of("productos/run", meta));
    }

    private static CallToolResult succeeded(Run run) {
        Map<String, Object> output = Json.MAPPER.convertValue(run.output(), MAP);
        return CallToolResult.builder()
                .structuredContent(output)
                .addTextContent(Json.MAPPER.writeValueAsString(run.output()))
                .isError(false)
                .meta(Map.of("productos/run", runMeta(run)))
                .build();
    }

    private static CallToolResult awaitingApproval(Run run) {
        String approvalId = run.approvalId();
        List<String> reasons = run.logs().stream()
                .map(RunLogLine::text)
                .filter(text -> text.startsWith("policy: "))
                .map(text -> text.substring("policy: ".length()))
                .toList();
        String text = run.tool() + " needs a person's approval before it runs"
                + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")") + ". Approval " + approvalId
                + " holds run " + run.id()
                + ". Ask the person to decide it in the Product OS editor view or with `productos approvals approve "
                + approvalId + "` (or `productos approvals deny " + approvalId + "`); the run then resumes by itself."
                + " Read the resource " + RunResource.uri(run.id())
                + " for its outcome; do not call the tool again for the same change.";
        Map<String, Object> meta = runMeta(run);
        meta.put("approvalId", approvalId);
        meta.put("approve", "productos approvals approve " + approvalId);
        meta.put("deny", "productos approvals deny " + approvalId);
        return error(text, Map.of("productos/run", meta));
    }

    private static CallToolResult stillRunning(Run run) {
        return error(
                run.tool() + " is still " + run.status().wireName() + " as run " + run.id() + "; read the resource "
                        + RunResource.uri(run.id()) + " later for its outcome",
                Map.of("productos/run", runMeta(run)));
    }

    private static CallToolResult ended(Run run) {
        StringBuilder text = new StringBuilder(run.tool())
                .append(' ')
                .append(run.status().wireName())
                .append(" (run ")
                .append(run.id())
                .append(')');
        if (run.error() != null) {
            text.append(": ").append(run.error().message());
            JsonNode details = run.error().details();
            if (details != null && details.isArray()) {
                for (JsonNode field : details) {
                    if (field.has("pointer")) {
                        text.append("\n- ")
                                .append(
                                        field.get("pointer").asString().isEmpty()
                                                ? "(input)"
                                                : field.get("pointer").asString())
                                .append(": ")
                                .append(field.path("message").asString());
                    }
                }
            }
        }
        if (run.status() == RunStatus.INTERRUPTED)
            text.append("; the backend stopped while it ran, so call it again if it is still wanted");
        Map<String, Object> meta = runMeta(run);
        if (run.error() != null) meta.put("code", run.error().code());
        return error(text.toString(), Map.of("productos/run", meta));
    }

    private static Map<String, Object> runMeta(Run run) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("runId", run.id());
        meta.put("status", run.status().wireName());
        meta.put("resource", RunResource.uri(run.id()));
        return meta;
    }

    private static CallToolResult error(String text, Map<String, Object> meta) {
        return CallToolResult.builder()
                .addTextContent(text)
                .isError(true)
                .meta(meta)
                .build();
    }
}
