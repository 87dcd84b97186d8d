package com.productos.executors;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.registry.ToolRegistry;
import java.time.Clock;

/**
 * What every executor module is built from. {@code serviceVariables} is what the wiring supplies to
 * deployed services (see {@link ServiceVariables}); a standalone executor supplies none.
 */
public record ExecutorEnvironment(
        Workspace workspace,
        ToolRegistry registry,
        ProductOsConfig config,
        Clock clock,
        ServiceVariables serviceVariables) {
    public ExecutorEnvironment(Workspace workspace, ToolRegistry registry, ProductOsConfig config, Clock clock) {
        this(workspace, registry, config, clock, ServiceVariables.NONE);
    }

    public ExecutorEnvironment withServiceVariables(ServiceVariables variables) {
        return new ExecutorEnvironment(workspace, registry, config, clock, variables);
    }
}
