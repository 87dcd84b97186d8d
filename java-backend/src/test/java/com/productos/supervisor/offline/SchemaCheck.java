package com.productos.supervisor.offline;

import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import tools.jackson.databind.JsonNode;

/** Whether a planned input passes its tool's input schema, as the control plane will check it. */
final class SchemaCheck {
    private static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();

    private SchemaCheck() {}

    static boolean valid(String tool, JsonNode input) {
        return REGISTRY.find(tool)
                .map(definition -> definition.inputSchema().validate(input).isEmpty())
                .orElse(false);
    }
}
