package com.productos.runs;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One tool call and everything known about it. Immutable: every change is a new value written
 * through the {@link RunStore}. {@code logs} is filled only when a single run is read.
 */
public record Run(
        String id,
        String tool,
        String actor,
        JsonNode input,
        String inputHash,
        RunStatus status,
        JsonNode output,
        RunError error,
        String idempotencyKey,
        String sessionId,
        String approvalId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        List<RunArtifact> artifacts,
        List<RunLogLine> logs) {

    public Run {
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** A new call as it is first recorded: queued, nothing started, nothing produced. */
    public static Run queued(
            String id,
            String tool,
            String actor,
            JsonNode input,
            String inputHash,
            String idempotencyKey,
            String sessionId,
            Instant now) {
        return new Run(
                id,
                tool,
                actor,
                input,
                inputHash,
                RunStatus.QUEUED,
                null,
                null,
                idempotencyKey,
                sessionId,
                null,
                now,
                null,
                null,
                now,
                List.of(),
                List.of());
    }

    public Run withStatus(RunStatus newStatus, Instant now) {
        Instant started = newStatus == RunStatus.RUNNING && startedAt == null ? now : startedAt;
        Instant finished = newStatus.isTerminal() ? now : finishedAt;
        return new Run(
                id,
                tool,
                actor,
                input,
                inputHash,
                newStatus,
                output,
                error,
                idempotencyKey,
                sessionId,
                approvalId,
                createdAt,
                started,
                finished,
                now,
                artifacts,
                logs);
    }

    public Run succeeded(JsonNode result, List<RunArtifact> produced, Instant now) {
        return new Run(
                id,
                tool,
                actor,
                input,
                inputHash,
                RunStatus.SUCCEEDED,
                result,
                null,
                idempotencyKey,
                sessionId,
                approvalId,
                createdAt,
                startedAt,
                now,
                now,
                produced,
                logs);
    }

    public Run ended(RunStatus terminal, RunError why, Instant now) {
        return new Run(
                id,
                tool,
                actor,
                input,
                inputHash,
                terminal,
                output,
                why,
                idempotencyKey,
                sessionId,
                approvalId,
                createdAt,
                startedAt,
                now,
                now,
                artifacts,
                logs);
    }

    public Run withApproval(String newApprovalId, Instant now) {
        return new Run(
                id,
                tool,
                actor,
                input,
                inputHash,
                RunStatus.AWAITING_APPROVAL,
                output,
                error,
                idempotencyKey,
                sessionId,
                newApprovalId,
                createdAt,
                startedAt,
                finishedAt,
                now,
                artifacts,
                logs);
    }

    public Run withLogs(List<RunLogLine> lines) {
        return new Run(
                id,
                tool,
                actor,
                input,
                inputHash,
                status,
                output,
                error,
                idempotencyKey,
                sessionId,
                approvalId,
                createdAt,
                startedAt,
                finishedAt,
                updatedAt,
                artifacts,
                lines);
    }
}
