package com.productos.mcp;

import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.runs.RunArtifact;
import com.productos.runs.RunLogLine;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A run as the JSON of the resource {@code productos://runs/{id}}. */
final class RunResource {
    static final String PREFIX = "productos://runs/";

    private RunResource() {}

    static String uri(String runId) {
        return PREFIX + runId;
    }

    static ObjectNode json(Run run, boolean withLogs) {
        ObjectNode json = Json.object()
                .put("id", run.id())
                .put("tool", run.tool())
                .put("actor", run.actor())
                .put("status", run.status().wireName());
        json.set("input", run.input());
        if (run.output() != null) json.set("output", run.output());
        if (run.error() != null) {
            ObjectNode error = json.putObject("error")
                    .put("code", run.error().code())
                    .put("message", run.error().message());
            if (run.error().details() != null) error.set("details", run.error().details());
        }
        if (run.approvalId() != null) json.put("approvalId", run.approvalId());
        if (run.sessionId() != null) json.put("sessionId", run.sessionId());
        time(json, "createdAt", run.createdAt());
        time(json, "startedAt", run.startedAt());
        time(json, "finishedAt", run.finishedAt());
        if (!run.artifacts().isEmpty()) {
            ArrayNode artifacts = json.putArray("artifacts");
            for (RunArtifact artifact : run.artifacts()) {
                artifacts
                        .addObject()
                        .put("name", artifact.name())
                        .put("uri", artifact.uri())
                        .put("mediaType", artifact.mediaType());
            }
        }
        if (withLogs) {
            ArrayNode logs = json.putArray("logs");
            for (RunLogLine line : run.logs()) {
                logs.addObject()
                        .put("at", line.timestamp().toString())
                        .put("severity", line.severity())
                        .put("text", line.text());
            }
        }
        return json;
    }

    private static void time(ObjectNode json, String field, Instant value) {
        if (value != null) json.put(field, value.toString());
    }
}
