package com.productos.brand;

import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.RegistryRoutes;
import com.productos.registry.ToolRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The Company Brain executor ("brand" in the registry): brand.get_profile and
 * brand.update_profile over a {@link BrandProfileStore}. Paths come from the registry, so the routes
 * always match what the control plane calls.
 */
public final class BrandExecutorModule implements ExecutorModule {
    public static final String EXECUTOR_NAME = "brand";
    public static final String GET_PROFILE_TOOL = "brand.get_profile";
    public static final String UPDATE_PROFILE_TOOL = "brand.update_profile";
    private final BrandProfileStore store;
    private final Map<String, ExecutorHandler> routes;

    public BrandExecutorModule(BrandProfileStore store, ToolRegistry registry, Clock clock) {
        this.store = store;
        BrandProfileSchema schema = BrandProfileSchema.from(registry);
        this.routes = new RegistryRoutes(registry, EXECUTOR_NAME)
                .tool(GET_PROFILE_TOOL, new GetBrandProfileHandler(store, schema))
                .tool(UPDATE_PROFILE_TOOL, new UpdateBrandProfileHandler(store, schema, clock))
                .build();
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
