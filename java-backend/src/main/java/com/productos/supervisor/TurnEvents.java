package com.productos.supervisor;

import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import com.productos.supervisor.session.PendingTurn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The typed events one turn sends its session's clients, with inputs and outputs redacted. */
final class TurnEvents {
    private final TurnContext context;
    private final String sessionId;
    private final String turnId;

    TurnEvents(TurnContext context, String sessionId, String turnId) {
        this.context = context;
        this.sessionId = sessionId;
        this.turnId = turnId;
    }

    void toolCallProposed(String callId, String tool, JsonNode input) {
        emit(
                SupervisorEvent.TOOL_CALL_PROPOSED,
                Json.object()
                        .put("callId", callId)
                        .put("tool", tool)
                        .set("input", context.filter().redact(input)));
    }

    void runStarted(String callId, String runId, String tool) {
        emit(
                SupervisorEvent.RUN_STARTED,
                Json.object().put("callId", callId).put("runId", runId).put("tool", tool));
    }

    void runUpdated(PendingTurn.ActiveCall active, Run run) {
        ObjectNode update = Json.object()
                .put("callId", active.callId())
                .put("runId", run.id())
                .put("tool", active.tool())
                .put("status", run.status().wireName());
        if (run.status() == RunStatus.SUCCEEDED && run.output() != null)
            update.set("output", context.filter().redact(run.output()));
        if (run.error() != null) {
            update.putObject("error")
                    .put("code", run.error().numericCode())
                    .put("message", context.filter().redactText(run.error().message()));
        }
        emit(SupervisorEvent.RUN_UPDATED, update);
    }

    /** A refused start that still recorded a run (invalid input): started, then failed at once. */
    void runRefused(String callId, String runId, String tool, ToolCallException refused) {
        runStarted(callId, runId, tool);
        ObjectNode update = Json.object()
                .put("callId", callId)
                .put("runId", runId)
                .put("tool", tool)
                .put("status", RunStatus.FAILED.wireName());
        update.putObject("error").put("code", refused.code().code()).put("message", refused.getMessage());
        emit(SupervisorEvent.RUN_UPDATED, update);
    }

    void approvalNeeded(PendingTurn.ActiveCall active, Run run, String reason) {
        emit(
                SupervisorEvent.APPROVAL_NEEDED,
                Json.object()
                        .put("callId", active.callId())
                        .put("runId", run.id())
                        .put("approvalId", run.approvalId())
                        .put("tool", active.tool())
                        .put("reason", reason));
    }

    void assistantText(String text) {
        emit(SupervisorEvent.ASSISTANT_TEXT, Json.object().put("text", text));
    }

    void error(ErrorCode code, String message) {
        emit(SupervisorEvent.ERROR, Json.object().put("code", code.code()).put("message", message));
    }

    void finished(StopReason reason, PendingTurn pending) {
        ObjectNode fields = Json.object().put("stopReason", reason.wireName());
        fields.putObject("usage")
                .put("inputTokens", pending.inputTokens())
                .put("outputTokens", pending.outputTokens())
                .put("costUsd", pending.costUsd());
        fields.putObject("model")
                .put("provider", context.provider().providerName())
                .put("name", context.provider().modelName());
        emit(SupervisorEvent.TURN_FINISHED, fields);
    }

    private void emit(String type, ObjectNode fields) {
        context.events().emit(sessionId, turnId, type, fields);
    }
}
