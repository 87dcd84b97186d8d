package com.productos.mcp;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which transport session and JSON-RPC request a {@code tools/call} came in as. The SDK's server does not
 * hand a tool its request id, so the transport writes it into the request's {@code _meta} before the SDK
 * reads the message; a {@code notifications/cancelled} naming that id can then find the run.
 */
record CallTag(String sessionKey, String requestId) {
    /** The {@code _meta} key the transport writes; whatever a client put there is overwritten. */
    static final String META_KEY = "productos/transport";

    /** Writes the tag into {@code params._meta} of a tools/call request (the message is changed in place). */
    static void write(ObjectNode request, String sessionKey) {
        JsonNode params = request.get("params");
        if (!(params instanceof ObjectNode paramsObject)) return;
        JsonNode existing = paramsObject.get("_meta");
        ObjectNode meta = existing instanceof ObjectNode object ? object : paramsObject.putObject("_meta");
        meta.putObject(META_KEY).put("session", sessionKey).put("request", requestKey(request.get("id")));
    }

    /** Reads the tag back from the {@code _meta} the SDK passes to the tool; null when there is none. */
    static CallTag read(Map<String, Object> meta) {
        if (meta == null || !(meta.get(META_KEY) instanceof Map<?, ?> tag)) return null;
        if (!(tag.get("session") instanceof String session) || !(tag.get("request") instanceof String request))
            return null;
        return new CallTag(session, request);
    }

    /** A request id as one string, so the number 1 and the string "1" stay different ids. */
    static String requestKey(JsonNode id) {
        if (id == null || id.isNull()) return "null";
        return id.isString() ? "s:" + id.asString() : "n:" + id.toString();
    }
}
