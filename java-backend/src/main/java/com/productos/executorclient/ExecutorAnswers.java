package com.productos.executorclient;

import com.productos.common.KnownSecrets;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorResult;
import com.productos.control.ExecutorResult.ExecutorLogLine;
import com.productos.json.Json;
import com.productos.runs.RunArtifact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns an executor's HTTP answer into an {@link ExecutorResult} or an {@link ExecutorCallException}. */
final class ExecutorAnswers {
    private static final int SNIPPET_CHARS = 200;
    // Anything shaped like a credential is cut out of what we repeat from a foreign body.
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*)?");

    private ExecutorAnswers() {}

    static ExecutorResult read(String executor, String tool, int status, byte[] body, String secret) {
        // Whatever the executor repeats (a provider's echo, a crash message) loses known secrets here,
        // before the control plane records or shows any of it.
        JsonNode json = KnownSecrets.redact(parse(body));
        if (status == 200 && json != null && json.path("output").isObject()) {
            return new ExecutorResult(json.get("output"), logs(json.path("logs")), artifacts(json.path("artifacts")));
        }
        JsonNode error = json == null ? null : json.path("error");
        if (error != null
                && error.isObject()
                && error.path("code").isString()
                && error.path("message").isString()) {
            ObjectNode details = Json.object();
            details.put("http_status", status);
            details.put("code", error.get("code").asString());
            details.put("message", redact(error.get("message").asString(), secret));
            if (error.has("details")) details.set("details", error.get("details"));
            ErrorCode code = status == 504
                    ? ErrorCode.ExecutorTimeout
                    : status == 502 || status == 503 ? ErrorCode.ExecutorUnavailable : ErrorCode.ExecutorError;
            return fail(
                    code,
                    "executor '" + executor + "' answered " + tool + " with HTTP " + status + " "
                            + error.get("code").asString() + ": "
                            + redact(error.get("message").asString(), secret),
                    details);
        }
        ObjectNode details = Json.object();
        details.put("http_status", status);
        String snippet = snippet(body, secret);
        details.put("body", snippet);
        String what = status == 200
                ? "a body that is not the executor protocol's JSON (no \"output\" object)"
                : "HTTP " + status + " and a body that is not the executor protocol's error JSON";
        return fail(
                ErrorCode.ExecutorError,
                "executor '" + executor + "' answered " + tool + " with " + what + ": '" + snippet
                        + "'; check that the configured URL points at a Product OS executor",
                details);
    }

    private static ExecutorResult fail(ErrorCode code, String message, JsonNode details) {
        throw new ExecutorCallException(code, message, details);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) return null;
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static List<ExecutorLogLine> logs(JsonNode logs) {
        List<ExecutorLogLine> lines = new ArrayList<>();
        for (JsonNode line : logs) {
            lines.add(new ExecutorLogLine(
                    line.path("severity").asString("INFO"), line.path("text").asString("")));
        }
        return lines;
    }

    private static List<RunArtifact> artifacts(JsonNode artifacts) {
        List<RunArtifact> list = new ArrayList<>();
        for (JsonNode artifact : artifacts) {
            list.add(new RunArtifact(
                    artifact.path("name").asString(""),
                    artifact.path("uri").asString(""),
                    artifact.path("media_type").asString(null)));
        }
        return list;
    }

    static String snippet(byte[] body, String secret) {
        if (body == null || body.length == 0) return "";
        String text = new String(body, 0, Math.min(body.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8);
        text = redact(text, secret).replaceAll("\\s+", " ").strip();
        return text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "... (truncated)" : text;
    }

    static String redact(String text, String secret) {
        String cleaned = KnownSecrets.redact(text);
        if (secret != null && !secret.isEmpty()) cleaned = cleaned.replace(secret, "[redacted]");
        cleaned = BEARER.matcher(cleaned).replaceAll("Bearer [redacted]");
        return JWT.matcher(cleaned).replaceAll("[redacted]");
    }
}
