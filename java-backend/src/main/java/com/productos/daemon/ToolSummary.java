package com.productos.daemon;

import tools.jackson.databind.JsonNode;

/** A registered tool as a command shows it. */
public record ToolSummary(
        String name, String description, String risk, String executor, JsonNode inputSchema, JsonNode outputSchema) {}
