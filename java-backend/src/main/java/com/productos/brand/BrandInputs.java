package com.productos.brand;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import tools.jackson.databind.JsonNode;

/** Checks of the brand tools' inputs that handlers repeat even after the control plane validated them. */
final class BrandInputs {
    private BrandInputs() {}

    static String profileId(JsonNode input) throws ExecutorFailure {
        JsonNode id = input.path("profile_id");
        if (!id.isString() || id.asString().isBlank()) {
            throw InputProblems.single(
                    "/profile_id",
                    "must be a non-empty string",
                    "profile_id must be a non-empty string, such as \"default\"");
        }
        return id.asString();
    }
}
