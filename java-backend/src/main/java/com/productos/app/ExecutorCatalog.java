package com.productos.app;

import com.productos.analytics.AnalyticsModule;
import com.productos.brand.BrandExecutorModule;
import com.productos.brand.BrandStores;
import com.productos.deploy.DeployModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.marketing.MarketingModule;
import com.productos.observability.ObservabilityModule;
import java.util.List;

/** Every executor module the backend can run embedded, in the order they start. */
public final class ExecutorCatalog {
    private ExecutorCatalog() {}

    public static List<ExecutorModuleFactory> embedded() {
        return List.of(
                BrandExecutorModule.factory(),
                MarketingModule.factory(environment -> new StoredBrandProfiles(BrandStores.open(environment))),
                DeployModule.factory(),
                ObservabilityModule.factory(),
                AnalyticsModule.factory());
    }
}
