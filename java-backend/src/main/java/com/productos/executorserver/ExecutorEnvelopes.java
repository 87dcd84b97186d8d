package com.productos.executorserver;

import com.productos.executors.ExecutorArtifact;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorLogLine;
import com.productos.executors.ExecutorProtocol;
import com.productos.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the bodies of {@link ExecutorProtocol}: the success envelope and the error envelope. */
public final class ExecutorEnvelopes {
    private ExecutorEnvelopes() {}

    public static ObjectNode success(JsonNode output, ExecutorLog log) {
        ObjectNode body = Json.object();
        body.set("output", output);
        ArrayNode logs = body.putArray("logs");
        for (ExecutorLogLine line : log.lines()) {
            logs.addObject().put("severity", line.severity()).put("text", line.text());
        }
        ArrayNode artifacts = body.putArray("artifacts");
        for (ExecutorArtifact artifact : log.artifacts()) {
            artifacts
                    .addObject()
                    .put("name", artifact.name())
                    .put("uri", artifact.uri())
                    .put("media_type", artifact.mediaType());
        }
        return body;
    }

    public static ObjectNode error(String code, String message, JsonNode details) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (details != null && !details.isNull() && !details.isMissingNode()) error.set("details", details);
        return body;
    }
}
