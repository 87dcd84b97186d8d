package com.productos.mcp;

import com.productos.json.Json;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every client message passes here before the SDK's server sees it, on both transports: what is not a
 * JSON-RPC 2.0 message is answered with a clear error (so the SDK never meets it), a
 * {@code notifications/cancelled} cancels the run behind its request (the SDK ignores it), and a
 * {@code tools/call} is tagged with its request id (see {@link CallTag}).
 */
public final class InboundFilter {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;

    public static final int INVALID_PARAMS = -32602;

    private final CallCancellations cancellations;
    private final Predicate<String> knownTool;

    public InboundFilter(CallCancellations cancellations, Predicate<String> knownTool) {
        this.cancellations = cancellations;
        this.knownTool = knownTool;
    }

    public InboundMessage accept(byte[] message, String sessionKey) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(message);
        } catch (JacksonException e) {
            return refuse(
                    null,
                    PARSE_ERROR,
                    "the message is not valid JSON" + where(e.getLocation())
                            + "; send one JSON-RPC 2.0 object per message");
        }
        if (node == null || node.isMissingNode()) {
            return refuse(null, PARSE_ERROR, "the message is empty; send one JSON-RPC 2.0 object per message");
        }
        if (node.isArray()) {
            return refuse(
                    null,
                    INVALID_REQUEST,
                    "JSON-RPC batches are not part of MCP since 2025-06-18; send one object per message");
        }
        if (!(node instanceof ObjectNode object)) {
            return refuse(
                    null,
                    INVALID_REQUEST,
                    "a JSON-RPC message must be a JSON object, not "
                            + node.getNodeType().name().toLowerCase());
        }
        JsonNode id = object.get("id");
        boolean idUsable = id != null && (id.isString() || id.isIntegralNumber());
        JsonNode replyId = idUsable ? id : null;
        if (!"2.0".equals(text(object.get("jsonrpc")))) {
            return refuse(replyId, INVALID_REQUEST, "'jsonrpc' must be \"2.0\"");
        }
        if (id != null && !idUsable) {
            return refuse(
                    null,
                    INVALID_REQUEST,
                    "'id' must be a string or an integer (MCP allows no null or fractional ids)");
        }
        JsonNode method = object.get("method");
        if (method == null) {
            boolean response = id != null && (object.has("result") || object.has("error"));
            return response
                    ? new InboundMessage.Forward(message)
                    : refuse(
                            replyId,
                            INVALID_REQUEST,
                            "a request needs a string 'method'; a response needs 'id' and 'result' or 'error'");
        }
        if (!method.isString() || method.asString().isEmpty()) {
            return refuse(replyId, INVALID_REQUEST, "'method' must be a non-empty string");
        }
        JsonNode params = object.get("params");
        if (params != null && !params.isObject()) {
            return refuse(replyId, INVALID_REQUEST, "'params' must be an object in MCP");
        }
        if (id == null && "notifications/cancelled".equals(method.asString())) {
            JsonNode requestId = params == null ? null : params.get("requestId");
            if (requestId != null) cancellations.cancel(sessionKey, CallTag.requestKey(requestId));
            return new InboundMessage.Consumed();
        }
        if (id != null && "tools/call".equals(method.asString())) {
            String tool = params == null ? null : text(params.get("name"));
            if (tool == null || !knownTool.test(tool)) {
                // Answered here: the SDK's own answer names no tool ("Unknown tool: invalid_tool_name").
                return new InboundMessage.Refuse(
                        errorResponse(
                                id,
                                INVALID_PARAMS,
                                tool == null
                                        ? "tools/call needs params.name, the name of a tool from tools/list"
                                        : "no tool named '" + tool
                                                + "'; tools/list gives the names of the tools this server has"),
                        200);
            }
            CallTag.write(object, sessionKey);
            return new InboundMessage.Forward(Json.MAPPER.writeValueAsBytes(object));
        }
        return new InboundMessage.Forward(message);
    }

    /** A JSON-RPC error response, for transports that refuse a message before parsing it (too large). */
    public static byte[] errorResponse(JsonNode id, int code, String message) {
        ObjectNode response = Json.object().put("jsonrpc", "2.0");
        if (id == null) response.putNull("id");
        else response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return Json.MAPPER.writeValueAsBytes(response);
    }

    private static InboundMessage refuse(JsonNode id, int code, String message) {
        return new InboundMessage.Refuse(errorResponse(id, code, message), 400);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) return "";
        return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
