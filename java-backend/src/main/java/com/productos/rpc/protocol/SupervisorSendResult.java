package com.productos.rpc.protocol;

public record SupervisorSendResult(String sessionId, String turnId, ModelInfo model) {}
