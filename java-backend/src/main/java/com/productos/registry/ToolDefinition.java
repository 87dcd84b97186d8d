package com.productos.registry;

/** One registered tool with its schemas compiled. */
public record ToolDefinition(
        String name,
        String description,
        Risk risk,
        ExecutorRef executor,
        CompiledSchema inputSchema,
        CompiledSchema outputSchema) {

    /** The module part of "module.action". */
    public String module() {
        return name.substring(0, name.indexOf('.'));
    }
}
