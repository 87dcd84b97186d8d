package com.productos.rpc.protocol;

import com.productos.registry.ToolDefinition;
import com.productos.runs.Approval;
import com.productos.runs.Run;
import com.productos.runs.RunArtifact;
import com.productos.runs.RunError;
import com.productos.runs.RunLogLine;
import java.time.Instant;

/** Turns the backend's records into the wire records of the protocol. */
public final class WireTypes {
    private WireTypes() {}

    /** The whole run, input included (runs/get, runs/list, approvals). */
    public static RunInfo run(Run run, boolean withLogs) {
        return new RunInfo(
                run.id(),
                run.tool(),
                run.actor(),
                run.status().wireName(),
                JsonBridge.toWire(run.input()),
                run.inputHash(),
                JsonBridge.toWire(run.output()),
                error(run.error()),
                run.idempotencyKey(),
                run.sessionId(),
                run.approvalId(),
                time(run.createdAt()),
                time(run.startedAt()),
                time(run.finishedAt()),
                time(run.updatedAt()),
                run.artifacts().stream().map(WireTypes::artifact).toList(),
                withLogs ? run.logs().stream().map(WireTypes::log).toList() : null,
                null);
    }

    /**
     * The run without its input, which the client sent and can read with runs/get: what runs/start
     * answers and runs/updated carries (status, output, error, timestamps and the run's small fields).
     */
    public static RunInfo update(Run run) {
        return new RunInfo(
                run.id(),
                run.tool(),
                run.actor(),
                run.status().wireName(),
                null,
                run.inputHash(),
                JsonBridge.toWire(run.output()),
                error(run.error()),
                run.idempotencyKey(),
                run.sessionId(),
                run.approvalId(),
                time(run.createdAt()),
                time(run.startedAt()),
                time(run.finishedAt()),
                time(run.updatedAt()),
                run.artifacts().stream().map(WireTypes::artifact).toList(),
                null,
                null);
    }

    public static RunLogInfo log(RunLogLine line) {
        return new RunLogInfo(line.runId(), line.sequence(), time(line.timestamp()), line.severity(), line.text());
    }

    public static ApprovalInfo approval(Approval approval) {
        return new ApprovalInfo(
                approval.id(),
                approval.runId(),
                approval.tool(),
                approval.inputHash(),
                approval.actor(),
                approval.status().wireName(),
                approval.reasons(),
                time(approval.createdAt()),
                time(approval.expiresAt()),
                time(approval.decidedAt()),
                approval.decidedBy(),
                approval.note());
    }

    public static ToolInfo tool(ToolDefinition tool) {
        return new ToolInfo(
                tool.name(),
                tool.description(),
                tool.risk().wireName(),
                tool.executor().executorName(),
                JsonBridge.toWire(tool.inputSchema().source()),
                JsonBridge.toWire(tool.outputSchema().source()));
    }

    private static RunErrorInfo error(RunError error) {
        if (error == null) return null;
        return new RunErrorInfo(error.code(), error.numericCode(), error.message(), JsonBridge.toWire(error.details()));
    }

    private static RunArtifactInfo artifact(RunArtifact artifact) {
        return new RunArtifactInfo(artifact.name(), artifact.uri(), artifact.mediaType());
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
