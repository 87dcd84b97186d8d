package com.productos.app;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands in for an executor module that could not start: it serves the module's registry paths, and
 * every call gets a 503 that names the executor, says why it did not start and what to do, while the
 * other executors go on serving.
 */
final class UnavailableExecutorModule implements ExecutorModule {
    private final String executorName;
    private final Map<String, ExecutorHandler> routes;

    private UnavailableExecutorModule(String executorName, Map<String, ExecutorHandler> routes) {
        this.executorName = executorName;
        this.routes = Map.copyOf(routes);
    }

    static UnavailableExecutorModule of(String executorName, ToolRegistry registry, String reason) {
        Map<String, ExecutorHandler> routes = new LinkedHashMap<>();
        for (ToolDefinition tool : registry.tools()) {
            if (!executorName.equals(tool.executor().executorName())) continue;
            String message = "executor '" + executorName + "' did not start, so " + tool.name() + " cannot run: "
                    + reason
                    + (reason.endsWith(".") ? "" : ".") + " The other executors keep serving; once this is fixed,"
                    + " restart Product OS (the editor's backend, or the next CLI command) to start it.";
            routes.put(tool.executor().path(), request -> {
                throw new ExecutorFailure(503, "executor_unavailable", message);
            });
        }
        return new UnavailableExecutorModule(executorName, routes);
    }

    @Override
    public String executorName() {
        return executorName;
    }

    @Override
    public Map<String, ExecutorHandler> routes() {
        return routes;
    }
}
