package com.productos.rpc.protocol;

public record SessionIdParams(String sessionId) {}
