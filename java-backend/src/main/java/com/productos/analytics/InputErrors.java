package com.productos.analytics;

import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;

/** Turns collected field errors into one 400 answer listing each {pointer, message}. */
public final class InputErrors {
    private InputErrors() {}

    public static void throwIfAny(String what, List<FieldError> errors) throws ExecutorFailure {
        if (errors.isEmpty()) return;
        ArrayNode details = Json.array();
        StringBuilder message = new StringBuilder(what).append(" input is invalid: ");
        for (int i = 0; i < errors.size(); i++) {
            FieldError error = errors.get(i);
            details.add(Json.object().put("pointer", error.pointer()).put("message", error.message()));
            if (i > 0) message.append("; ");
            message.append(error);
        }
        throw ExecutorFailure.badRequest(message.append(". Fix these fields and call again.").toString(), details);
    }
}
