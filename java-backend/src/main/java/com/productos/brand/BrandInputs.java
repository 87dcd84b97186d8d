package com.productos.brand;

import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Checks of the brand tools' inputs that handlers repeat even after the control plane validated them. */
final class BrandInputs {
    private BrandInputs() {}

    static String profileId(JsonNode input) throws ExecutorFailure {
        JsonNode id = input.path("profile_id");
        if (!id.isString() || id.asString().isBlank()) {
            throw ExecutorFailure.badRequest("profile_id must be a non-empty string, such as \"default\"",
                    details("/profile_id", "must be a non-empty string"));
        }
        return id.asString();
    }

    static ArrayNode details(String pointer, String message) {
        ArrayNode details = Json.array();
        details.addObject().put("pointer", pointer).put("message", message);
        return details;
    }
}
