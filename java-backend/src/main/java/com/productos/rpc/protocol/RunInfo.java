package com.productos.rpc.protocol;

import com.google.gson.JsonElement;
import java.util.List;

/**
 * A run as a client sees it (runs/start, runs/get, runs/list, runs/updated). Times are ISO-8601 UTC;
 * {@code logs} is present only in runs/get; {@code input} is left out of the runs/start answer and of
 * runs/updated (the client sent it; runs/get returns it). Absent values are left out of the JSON.
 * {@code omitted} names fields left out because the message would have exceeded the frame limit.
 */
public record RunInfo(
        String id,
        String tool,
        String actor,
        String status,
        JsonElement input,
        String inputHash,
        JsonElement output,
        RunErrorInfo error,
        String idempotencyKey,
        String sessionId,
        String approvalId,
        String createdAt,
        String startedAt,
        String finishedAt,
        String updatedAt,
        List<RunArtifactInfo> artifacts,
        List<RunLogInfo> logs,
        List<String> omitted) {
    /** This run without its output and error details, for a message that has to fit the frame limit. */
    public RunInfo withoutBulk() {
        RunErrorInfo slimError =
                error == null ? null : new RunErrorInfo(error.code(), error.numericCode(), error.message(), null);
        List<String> left = new java.util.ArrayList<>();
        if (input != null) left.add("input");
        if (output != null) left.add("output");
        if (error != null && error.details() != null) left.add("error.details");
        if (logs != null) left.add("logs");
        return new RunInfo(
                id,
                tool,
                actor,
                status,
                null,
                inputHash,
                null,
                slimError,
                idempotencyKey,
                sessionId,
                approvalId,
                createdAt,
                startedAt,
                finishedAt,
                updatedAt,
                artifacts,
                null,
                List.copyOf(left));
    }
}
