package com.productos.rpc.protocol;

import com.google.gson.JsonElement;

/**
 * Starts one tool call. {@code input} must match the tool's inputSchema (absent means {}).
 * {@code actor} is "user" (default) or "mcp"; "supervisor" is reserved for the in-process supervisor.
 */
public record StartRunParams(String tool, JsonElement input, String idempotencyKey, String actor, String sessionId) {}
