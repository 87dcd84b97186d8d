package com.productos.registry;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The loaded, checked tool registry: tools by name, in file order, and the executors they use. */
public final class ToolRegistry {
    private final String source;
    private final Map<String, ToolDefinition> tools;
    private final Map<String, String> executorDescriptions;

    ToolRegistry(String source, Map<String, ToolDefinition> tools, Map<String, String> executorDescriptions) {
        this.source = source;
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        this.executorDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(executorDescriptions));
    }

    public String source() {
        return source;
    }

    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public Collection<ToolDefinition> tools() {
        return tools.values();
    }

    public Map<String, String> executors() {
        return executorDescriptions;
    }
}
