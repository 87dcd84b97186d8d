package com.productos.control;

import com.productos.policy.Actor;
import tools.jackson.databind.JsonNode;

/** A request to run one tool, from any caller: CLI, IDE, supervisor or MCP client. */
public record CallRequest(String tool, JsonNode input, Actor actor, String idempotencyKey, String sessionId) {
    public static CallRequest byUser(String tool, JsonNode input) {
        return new CallRequest(tool, input, Actor.USER, null, null);
    }
}
