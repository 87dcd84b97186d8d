package com.productos.executors;

import com.productos.deploy.DeployModule;
import com.productos.observability.ObservabilityModule;
import java.util.List;

/** Every executor module the backend can run embedded, in the order they start. */
public final class ExecutorCatalog {
    private ExecutorCatalog() {}

    public static List<ExecutorModuleFactory> embedded() {
        return List.of(DeployModule::create, ObservabilityModule::create);
    }
}
