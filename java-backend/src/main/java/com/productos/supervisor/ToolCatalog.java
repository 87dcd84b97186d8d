package com.productos.supervisor;

import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import com.productos.supervisor.model.ToolNameMap;
import com.productos.supervisor.model.ToolSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The registry's tools as every model sees them: portable names and their input JSON Schemas. */
public final class ToolCatalog {
    private final ToolNameMap names;
    private final List<ToolSpec> specs;

    private ToolCatalog(ToolNameMap names, List<ToolSpec> specs) {
        this.names = names;
        this.specs = List.copyOf(specs);
    }

    public static ToolCatalog of(ToolRegistry registry) {
        List<ToolDefinition> tools = new ArrayList<>(registry.tools());
        tools.sort(Comparator.comparing(ToolDefinition::name));
        ToolNameMap names =
                ToolNameMap.of(tools.stream().map(ToolDefinition::name).toList());
        List<ToolSpec> specs = new ArrayList<>();
        for (ToolDefinition tool : tools) {
            specs.add(new ToolSpec(
                    tool.name(),
                    names.modelName(tool.name()),
                    tool.description() + " (risk: " + tool.risk().name().toLowerCase(java.util.Locale.ROOT) + ")",
                    tool.inputSchema().source()));
        }
        return new ToolCatalog(names, specs);
    }

    public ToolNameMap names() {
        return names;
    }

    public List<ToolSpec> specs() {
        return specs;
    }
}
