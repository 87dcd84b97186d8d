package com.productos.supervisor.model;

import com.productos.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A conversation's entries as JSON text and back, so a session's model context survives a restart. */
public final class TranscriptCodec {
    private TranscriptCodec() {}

    /** One entry as the JSON text the store keeps per entry. */
    public static String writeEntry(TranscriptEntry entry) {
        return Json.write(toJson(entry));
    }

    /** Entries stored one at a time, oldest first. */
    public static List<TranscriptEntry> readEntries(List<String> texts) {
        List<TranscriptEntry> entries = new ArrayList<>(texts.size());
        for (String text : texts) entries.add(fromJson(Json.parse(text)));
        return entries;
    }

    public static ObjectNode toJson(TranscriptEntry entry) {
        ObjectNode node = Json.object();
        if (entry instanceof TranscriptEntry.UserText user) {
            node.put("kind", "user").put("text", user.text());
        } else if (entry instanceof TranscriptEntry.ModelTurn turn) {
            node.put("kind", "model")
                    .put("text", turn.text())
                    .put("provider", turn.providerName())
                    .put("payload", turn.providerPayload());
            node.set("calls", calls(turn.calls()));
        } else if (entry instanceof TranscriptEntry.ToolResults results) {
            node.put("kind", "results");
            ArrayNode array = node.putArray("results");
            for (ToolResult result : results.results()) {
                array.addObject()
                        .put("callId", result.callId())
                        .put("tool", result.modelToolName())
                        .put("content", result.content())
                        .put("isError", result.isError());
            }
        }
        return node;
    }

    public static ArrayNode calls(List<ProposedCall> calls) {
        ArrayNode array = Json.array();
        for (ProposedCall call : calls) {
            ObjectNode item = array.addObject()
                    .put("callId", call.callId())
                    .put("tool", call.modelToolName())
                    .put("argumentsProblem", call.argumentsProblem());
            item.set("arguments", call.arguments());
        }
        return array;
    }

    public static List<ProposedCall> readCalls(JsonNode array) {
        List<ProposedCall> calls = new ArrayList<>();
        for (JsonNode item : array) {
            JsonNode arguments = item.path("arguments");
            calls.add(new ProposedCall(
                    item.path("callId").asString(),
                    item.path("tool").asString(),
                    arguments.isMissingNode() || arguments.isNull() ? null : arguments,
                    text(item, "argumentsProblem")));
        }
        return calls;
    }

    private static TranscriptEntry fromJson(JsonNode node) {
        String kind = node.path("kind").asString("");
        return switch (kind) {
            case "user" -> new TranscriptEntry.UserText(node.path("text").asString(""));
            case "model" ->
                new TranscriptEntry.ModelTurn(
                        node.path("text").asString(""),
                        readCalls(node.path("calls")),
                        text(node, "provider"),
                        text(node, "payload"));
            case "results" -> {
                List<ToolResult> results = new ArrayList<>();
                for (JsonNode item : node.path("results")) {
                    results.add(new ToolResult(
                            item.path("callId").asString(),
                            item.path("tool").asString(),
                            item.path("content").asString(""),
                            item.path("isError").asBoolean()));
                }
                yield new TranscriptEntry.ToolResults(results);
            }
            default ->
                throw new IllegalArgumentException("a stored conversation has an entry of unknown kind '" + kind + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
