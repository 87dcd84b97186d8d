package com.productos.analytics;

import com.productos.analytics.anomaly.AnomalyHandler;
import com.productos.analytics.bigquery.BigQueryClients;
import com.productos.analytics.bigquery.BigQueryWarehouse;
import com.productos.analytics.drivers.DriversHandler;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.EventLimits;
import com.productos.analytics.events.ImportFileHandler;
import com.productos.analytics.events.ImportRoots;
import com.productos.analytics.events.IngestHandler;
import com.productos.analytics.funnel.FunnelHandler;
import com.productos.analytics.growth.DropoffHandler;
import com.productos.analytics.insights.CloudInsightSettings;
import com.productos.analytics.insights.FirestoreInsightPointers;
import com.productos.analytics.insights.GcsInsightReports;
import com.productos.analytics.insights.InsightHandler;
import com.productos.analytics.insights.InsightLinksHandlers;
import com.productos.analytics.insights.InsightPointerStore;
import com.productos.analytics.insights.InsightPointers;
import com.productos.analytics.insights.InsightReports;
import com.productos.analytics.insights.LocalInsightReports;
import com.productos.analytics.measure.MeasureCampaignHandler;
import com.productos.analytics.measure.MeasurementStore;
import com.productos.analytics.retention.RetentionHandler;
import com.productos.config.UserSettings;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.RegistryRoutes;
import java.util.Map;

/**
 * The analytics executor: events.ingest (also served at {@link #INGEST_PATH} for product services),
 * analytics.funnel_summary, analytics.top_drivers, analytics.cohort_retention, analytics.anomaly_detect,
 * growth.identify_dropoffs, analytics.write_insight and analytics.measure_campaign, over the warehouse
 * chosen by {@code analytics.backend} in config.yaml (see {@link AnalyticsSettings}).
 */
public final class AnalyticsModule implements ExecutorModule {
    public static final String NAME = "analytics";
    /** Where a product service posts event batches (same bearer auth as every executor path). */
    public static final String INGEST_PATH = "/ingest/events";

    private final AnalyticsWarehouse warehouse;
    private final InsightPointers pointers;
    private final MeasurementStore measurements;
    private final Map<String, ExecutorHandler> routes;

    public AnalyticsModule(ExecutorEnvironment environment, AnalyticsSettings settings, AnalyticsWarehouse warehouse) {
        this.warehouse = warehouse;
        ExecutorHandler ingest = warehouse
                .eventSink()
                .<ExecutorHandler>map(sink -> new IngestHandler(
                        sink, new EventLimits(256, 200, settings.maxPropertiesBytes()), settings.maxEventsPerBatch()))
                .orElse(request -> {
                    throw new ExecutorFailure(
                            409,
                            "not_supported",
                            "the " + settings.backend().name().toLowerCase()
                                    + " analytics backend does not take events through this executor; "
                                    + "send them to BigQuery through Pub/Sub or load jobs");
                });
        RegistryRoutes routes = new RegistryRoutes(environment.registry(), NAME);
        routes.tool("events.ingest", ingest);
        routes.tool(
                "events.import_file",
                warehouse
                        .eventSink()
                        .<ExecutorHandler>map(sink -> new ImportFileHandler(
                                sink, environment.workspace().root(), importRoots(environment)))
                        .orElse(request -> {
                            throw new ExecutorFailure(
                                    409,
                                    "not_supported",
                                    "the " + settings.backend().name().toLowerCase()
                                            + " analytics backend does not import files through this executor; use a BigQuery load job");
                        }));
        routes.path(INGEST_PATH, ingest);
        routes.tool("analytics.funnel_summary", new FunnelHandler(warehouse, environment.clock()));
        CloudInsightSettings cloud = settings.cloudInsights();
        pointers = cloud != null && cloud.firestore() != null
                ? FirestoreInsightPointers.connect(cloud.firestore(), cloud.anonymous())
                : new InsightPointerStore(environment.workspace().executorStore("analytics"));
        InsightReports reports;
        if (cloud != null && cloud.gcs() != null) {
            reports = GcsInsightReports.connect(cloud.gcs(), cloud.anonymous());
        } else {
            String artifactsLabel = environment
                    .workspace()
                    .root()
                    .relativize(environment.workspace().artifactsDir())
                    .toString();
            reports = new LocalInsightReports(environment.workspace().artifactsDir(), artifactsLabel);
        }
        routes.tool("analytics.write_insight", new InsightHandler(warehouse, pointers, reports, environment.clock()));
        routes.tool(
                "analytics.top_drivers",
                new DriversHandler(warehouse, environment.clock(), settings.minSupportUsers()));
        routes.tool("analytics.cohort_retention", new RetentionHandler(warehouse, environment.clock()));
        routes.tool("analytics.anomaly_detect", new AnomalyHandler(warehouse, environment.clock()));
        routes.tool("growth.identify_dropoffs", new DropoffHandler(warehouse, environment.clock()));
        measurements = new MeasurementStore(environment.workspace().executorStore("analytics"));
        routes.tool(
                "analytics.measure_campaign", new MeasureCampaignHandler(warehouse, measurements, environment.clock()));
        InsightLinksHandlers links = new InsightLinksHandlers(pointers, measurements);
        routes.tool("analytics.list_insights", links.listInsights());
        routes.tool("analytics.get_insight", links.getInsight());
        routes.tool("analytics.list_measurements", links.listMeasurements());
        this.routes = routes.build();
    }

    /** The workspace plus the folders the user allowed in their own settings (never in the workspace's). */
    private static ImportRoots importRoots(ExecutorEnvironment environment) {
        UserSettings user = UserSettings.load(environment.config().environment());
        return new ImportRoots(
                environment.workspace().root(),
                user.importAllowedPaths(),
                user.file().toString());
    }

    /** The catalog entry: the warehouse {@code analytics.backend} names. */
    public static ExecutorModuleFactory factory() {
        return ExecutorModuleFactory.named(NAME, AnalyticsModule::create);
    }

    /** Builds the module with the backend that the workspace's config names. */
    public static AnalyticsModule create(ExecutorEnvironment environment) {
        AnalyticsSettings settings =
                AnalyticsSettings.from(environment.config().section(NAME), environment.workspace());
        AnalyticsWarehouse warehouse = switch (settings.backend()) {
            case DUCKDB -> new DuckDbWarehouse(DuckDbDatabase.open(settings.duckDbFile()));
            case BIGQUERY -> new BigQueryWarehouse(BigQueryClients.create(settings.bigQuery()), settings.bigQuery());
        };
        return new AnalyticsModule(environment, settings, warehouse);
    }

    public AnalyticsWarehouse warehouse() {
        return warehouse;
    }

    @Override
    public String executorName() {
        return NAME;
    }

    @Override
    public Map<String, ExecutorHandler> routes() {
        return routes;
    }

    @Override
    public void close() {
        try (warehouse;
                pointers) {
            measurements.close();
        }
    }
}
