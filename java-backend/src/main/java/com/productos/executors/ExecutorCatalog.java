package com.productos.executors;

import com.productos.brand.BrandExecutorModule;
import com.productos.brand.SqliteBrandProfileStore;
import com.productos.deploy.DeployModule;
import com.productos.marketing.MarketingModule;
import com.productos.observability.ObservabilityModule;
import java.util.List;

/** Every executor module the backend can run embedded, in the order they start. */
public final class ExecutorCatalog {
    private ExecutorCatalog() {}

    public static List<ExecutorModuleFactory> embedded() {
        return List.of(
                BrandExecutorModule.factory(),
                MarketingModule.factory(environment -> SqliteBrandProfileStore.open(environment.workspace().database())),
                ExecutorModuleFactory.named(DeployModule.NAME, DeployModule::create),
                ExecutorModuleFactory.named(ObservabilityModule.NAME, ObservabilityModule::create));
    }
}
