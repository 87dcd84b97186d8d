package com.productos.rpc.protocol;

import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import com.productos.runs.RunArtifact;
import com.productos.runs.RunError;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunStatus;
import java.time.Instant;
import java.util.List;

/**
 * The way back from {@link WireTypes}: the wire records a client receives, as the backend's records, so
 * a command that talks to the workspace backend prints exactly what an in-process one would.
 */
public final class DomainRecords {
    private DomainRecords() {}

    public static Run run(RunInfo info) {
        RunStatus status = RunStatus.parse(info.status())
                .orElseThrow(() ->
                        new IllegalArgumentException("the backend sent an unknown run status '" + info.status() + "'"));
        List<RunArtifact> artifacts = info.artifacts() == null
                ? List.of()
                : info.artifacts().stream()
                        .map(a -> new RunArtifact(a.name(), a.uri(), a.mediaType()))
                        .toList();
        List<RunLogLine> logs = info.logs() == null
                ? List.of()
                : info.logs().stream().map(DomainRecords::log).toList();
        return new Run(
                info.id(),
                info.tool(),
                info.actor(),
                JsonBridge.fromWire(info.input()),
                info.inputHash(),
                status,
                JsonBridge.fromWire(info.output()),
                error(info.error()),
                info.idempotencyKey(),
                info.sessionId(),
                info.approvalId(),
                time(info.createdAt()),
                time(info.startedAt()),
                time(info.finishedAt()),
                time(info.updatedAt()),
                artifacts,
                logs);
    }

    public static RunLogLine log(RunLogInfo info) {
        return new RunLogLine(info.runId(), info.sequence(), time(info.time()), info.severity(), info.text());
    }

    public static Approval approval(ApprovalInfo info) {
        ApprovalStatus status = ApprovalStatus.parse(info.status())
                .orElseThrow(() -> new IllegalArgumentException(
                        "the backend sent an unknown approval status '" + info.status() + "'"));
        return new Approval(
                info.id(),
                info.runId(),
                info.tool(),
                info.inputHash(),
                info.actor(),
                status,
                info.reasons(),
                time(info.createdAt()),
                time(info.expiresAt()),
                time(info.decidedAt()),
                info.decidedBy(),
                info.note());
    }

    private static RunError error(RunErrorInfo info) {
        if (info == null) return null;
        return new RunError(info.code(), info.numericCode(), info.message(), JsonBridge.fromWire(info.details()));
    }

    private static Instant time(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
