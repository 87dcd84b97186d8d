package com.productos.rpc.protocol;

/** supervisor/send: {@code sessionId} absent starts a new session. */
public record SupervisorSendParams(String sessionId, String text) {}
