package com.productos.executors;

import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module's routes, each tool at the path the registry gives it, so a module serves exactly what the
 * control plane calls. A tool the registry lacks, or gives to another executor, stops the module at
 * start with a message naming both.
 */
public final class RegistryRoutes {
    private final ToolRegistry registry;
    private final String executorName;
    private final Map<String, ExecutorHandler> routes = new LinkedHashMap<>();

    public RegistryRoutes(ToolRegistry registry, String executorName) {
        this.registry = registry;
        this.executorName = executorName;
    }

    /** Serves {@code toolName} at its registry path. */
    public RegistryRoutes tool(String toolName, ExecutorHandler handler) {
        return path(pathOf(registry, executorName, toolName), handler);
    }

    /** Serves a path of the executor's own that no registry tool names (an ingest endpoint, a helper). */
    public RegistryRoutes path(String path, ExecutorHandler handler) {
        if (routes.putIfAbsent(path, handler) != null) {
            throw new IllegalStateException("executor '" + executorName + "' serves " + path + " twice");
        }
        return this;
    }

    public Map<String, ExecutorHandler> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(routes));
    }

    /** The registry path of {@code toolName}, which must belong to {@code executorName}. */
    public static String pathOf(ToolRegistry registry, String executorName, String toolName) {
        ToolDefinition tool = registry.find(toolName)
                .orElseThrow(() -> new IllegalStateException(
                        "the tool registry has no " + toolName + "; executor '" + executorName + "' serves it"));
        if (!executorName.equals(tool.executor().executorName())) {
            throw new IllegalStateException(
                    toolName + " names executor '" + tool.executor().executorName()
                            + "' in the registry, but executor '" + executorName + "' serves it");
        }
        return tool.executor().path();
    }
}
