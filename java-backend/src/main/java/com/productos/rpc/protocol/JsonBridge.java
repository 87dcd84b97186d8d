package com.productos.rpc.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import com.productos.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one crossing between the backend's JSON (Jackson) and the wire's JSON (Gson, which lsp4j uses).
 * Values are copied tree to tree, never through JSON text, so a large input is not serialised to
 * cross. A number keeps the digits it was written with: its text is read by the receiving library
 * alone, so it becomes exactly the node that library would have parsed.
 */
public final class JsonBridge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonBridge() {}

    /** Null stays null, so an absent value stays absent on the wire. */
    public static JsonElement toWire(JsonNode node) {
        if (node == null || node.isMissingNode()) return null;
        return gson(node);
    }

    /** Null (absent) stays null; a JSON null becomes Jackson's null node. */
    public static JsonNode fromWire(JsonElement element) {
        if (element == null) return null;
        return jackson(element);
    }

    private static JsonElement gson(JsonNode node) {
        if (node.isObject()) {
            JsonObject object = new JsonObject();
            for (Map.Entry<String, JsonNode> property : node.properties())
                object.add(property.getKey(), gson(property.getValue()));
            return object;
        }
        if (node.isArray()) {
            JsonArray array = new JsonArray(node.size());
            for (JsonNode item : node) array.add(gson(item));
            return array;
        }
        if (node.isString()) return new JsonPrimitive(node.stringValue());
        if (node.isBoolean()) return new JsonPrimitive(node.booleanValue());
        if (node.isNumber()) return new JsonPrimitive(new LazilyParsedNumber(Json.write(node)));
        if (node.isNull()) return JsonNull.INSTANCE;
        // Binary or POJO nodes never come from parsed JSON; they cross as their JSON text.
        return com.google.gson.JsonParser.parseString(Json.write(node));
    }

    private static JsonNode jackson(JsonElement element) {
        if (element.isJsonObject()) {
            ObjectNode object = Json.object();
            for (Map.Entry<String, JsonElement> property :
                    element.getAsJsonObject().entrySet()) {
                object.set(property.getKey(), jackson(property.getValue()));
            }
            return object;
        }
        if (element.isJsonArray()) {
            ArrayNode array = Json.array();
            for (JsonElement item : element.getAsJsonArray()) array.add(jackson(item));
            return array;
        }
        if (element.isJsonNull()) return NODES.nullNode();
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isString()) return NODES.stringNode(primitive.getAsString());
        if (primitive.isBoolean()) return NODES.booleanNode(primitive.getAsBoolean());
        return Json.parse(primitive.getAsNumber().toString());
    }
}
