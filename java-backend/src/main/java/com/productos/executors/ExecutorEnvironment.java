package com.productos.executors;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.registry.ToolRegistry;
import java.time.Clock;

/** What every executor module is built from. */
public record ExecutorEnvironment(Workspace workspace, ToolRegistry registry, ProductOsConfig config, Clock clock) {}
