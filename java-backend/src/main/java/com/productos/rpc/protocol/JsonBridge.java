package com.productos.rpc.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.productos.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The one crossing between the backend's JSON (Jackson) and the wire's JSON (Gson, which lsp4j uses).
 * Values cross as text, so numbers keep their digits and nothing depends on either library's internals.
 */
public final class JsonBridge {
    private JsonBridge() {}

    /** Null stays null, so an absent value stays absent on the wire. */
    public static JsonElement toWire(JsonNode node) {
        if (node == null || node.isMissingNode()) return null;
        return JsonParser.parseString(Json.write(node));
    }

    /** Null (absent) stays null; a JSON null becomes Jackson's null node. */
    public static JsonNode fromWire(JsonElement element) {
        if (element == null) return null;
        if (element instanceof JsonNull) return Json.parse("null");
        return Json.parse(element.toString());
    }
}
