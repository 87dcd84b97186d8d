package com.productos.supervisor.model;

/** What the model is told about one of its calls: filtered output or an error it must take into account. */
public record ToolResult(String callId, String modelToolName, String content, boolean isError) {}
