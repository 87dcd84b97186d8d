package com.productos.rpc.protocol;

import com.google.gson.JsonElement;
import java.util.List;

/**
 * A run as a client sees it (runs/start, runs/get, runs/list, runs/updated). Times are ISO-8601 UTC;
 * {@code logs} is present only in runs/get. Absent values are left out of the JSON.
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
        List<RunLogInfo> logs) {}
