package com.productos.rpc.protocol;

/** supervisor/cancel: {@code turnId} absent means the session's running (or paused) turn. */
public record SupervisorCancelParams(String sessionId, String turnId) {}
