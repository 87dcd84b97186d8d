package com.productos.brand;

import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Company Brain executor ("firestore" in the registry): brand.get_profile and
 * brand.update_profile over a {@link BrandProfileStore}. Paths come from the registry, so the routes
 * always match what the control plane calls.
 */
public final class BrandExecutorModule implements ExecutorModule {
    public static final String EXECUTOR_NAME = "firestore";
    public static final String GET_PROFILE_TOOL = "brand.get_profile";
    public static final String UPDATE_PROFILE_TOOL = "brand.update_profile";
    private final BrandProfileStore store;
    private final Map<String, ExecutorHandler> routes;

    public BrandExecutorModule(BrandProfileStore store, ToolRegistry registry, Clock clock) {
        this.store = store;
        BrandProfileSchema schema = BrandProfileSchema.from(registry);
        Map<String, ExecutorHandler> byPath = new LinkedHashMap<>();
        byPath.put(pathOf(registry, GET_PROFILE_TOOL), new GetBrandProfileHandler(store, schema));
        byPath.put(pathOf(registry, UPDATE_PROFILE_TOOL), new UpdateBrandProfileHandler(store, schema, clock));
        this.routes = Map.copyOf(byPath);
    }

    /** The catalog entry: the Company Brain the configuration names (see {@link BrandStores}). */
    public static ExecutorModuleFactory factory() {
        return ExecutorModuleFactory.named(EXECUTOR_NAME, BrandExecutorModule::create);
    }

    private static BrandExecutorModule create(ExecutorEnvironment environment) {
        BrandProfileStore store = BrandStores.open(environment);
        try {
            return new BrandExecutorModule(store, environment.registry(), environment.clock());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static String pathOf(ToolRegistry registry, String toolName) {
        ToolDefinition tool = registry.find(toolName).orElseThrow(() -> new IllegalStateException(
                "the tool registry has no " + toolName + "; the brand executor serves it"));
        if (!EXECUTOR_NAME.equals(tool.executor().executorName())) {
            throw new IllegalStateException(toolName + " names executor '" + tool.executor().executorName()
                    + "' in the registry, but the brand executor is '" + EXECUTOR_NAME + "'");
        }
        return tool.executor().path();
    }

    @Override
    public String executorName() {
        return EXECUTOR_NAME;
    }

    @Override
    public Map<String, ExecutorHandler> routes() {
        return routes;
    }

    @Override
    public void close() {
        store.close();
    }
}
