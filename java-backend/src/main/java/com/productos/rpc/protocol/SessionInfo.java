package com.productos.rpc.protocol;

/** A chat session as sessions/list shows it; timestamps are ISO-8601. */
public record SessionInfo(
        String id, String title, String status, String createdAt, String updatedAt, ModelInfo model, UsageInfo usage) {}
