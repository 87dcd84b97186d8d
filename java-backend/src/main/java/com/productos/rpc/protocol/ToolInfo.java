package com.productos.rpc.protocol;

import com.google.gson.JsonElement;

/** One registered tool as a client sees it, with its JSON Schemas. */
public record ToolInfo(
        String name,
        String description,
        String risk,
        String executor,
        JsonElement inputSchema,
        JsonElement outputSchema) {}
