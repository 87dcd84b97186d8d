package com.productos.supervisor.model;

import tools.jackson.databind.JsonNode;

/** A registry tool as a model sees it: the portable name, the description and the input JSON Schema. */
public record ToolSpec(String registryName, String modelName, String description, JsonNode inputSchema) {}
