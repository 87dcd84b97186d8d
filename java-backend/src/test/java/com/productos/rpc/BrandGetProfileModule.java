package com.productos.rpc;

import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.RegistryRoutes;
import com.productos.registry.ToolRegistry;
import java.util.Map;

/**
 * A module that stands in for the brand executor with a brand.get_profile of the test's own, served
 * by a real executor server: a handler that hangs, throws or returns an output the registry refuses
 * goes through the same Jetty dispatch, envelopes and HTTP client as the real one.
 */
final class BrandGetProfileModule implements ExecutorModule {
    private final Map<String, ExecutorHandler> routes;

    BrandGetProfileModule(ToolRegistry registry, ExecutorHandler getProfile) {
        this.routes = new RegistryRoutes(registry, "brand")
                .tool("brand.get_profile", getProfile)
                .build();
    }

    @Override
    public String executorName() {
        return "brand";
    }

    @Override
    public Map<String, ExecutorHandler> routes() {
        return routes;
    }
}
