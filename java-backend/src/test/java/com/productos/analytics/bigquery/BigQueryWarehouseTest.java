package com.productos.analytics.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.productos.analytics.AnalyticsModule;
import com.productos.analytics.AnalyticsSettings;
import com.productos.analytics.TimeRange;
import com.productos.analytics.WarehouseException;
import com.productos.analytics.anomaly.KpiQuery;
import com.productos.analytics.anomaly.KpiSeries;
import com.productos.analytics.drivers.DriverCounts;
import com.productos.analytics.drivers.DriverQuery;
import com.productos.analytics.drivers.FeatureCount;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.Event;
import com.productos.analytics.fixtures.SyntheticEvents;
import com.productos.analytics.funnel.FunnelCounts;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.funnel.FunnelStep;
import com.productos.analytics.growth.DropoffCounts;
import com.productos.analytics.growth.DropoffQuery;
import com.productos.analytics.insights.InsightRecord;
import com.productos.analytics.retention.RetentionQuery;
import com.productos.analytics.sql.PropertyFilter;
import com.productos.analytics.sql.TimeBucket;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The BigQuery backend through the real google-cloud-bigquery client against a loopback fake that
 * speaks the REST wire format; its answers must equal the DuckDB backend's on the same events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BigQueryWarehouseTest {
    static final Instant AS_OF = SyntheticEvents.START.plusSeconds(90L * 86400);
    static final AnalyticsSettings.BigQuerySettings SETTINGS =
            new AnalyticsSettings.BigQuerySettings("p", "analytics", "events", "insights", "US", "unused", true);

    @TempDir
    static Path dir;

    FunnelQuery funnel;
    DriverQuery drivers;
    FunnelCounts duckFunnel;
    FunnelQuery repeated;
    final RetentionQuery retention =
            new RetentionQuery(TimeBucket.WEEK, "visit", "purchase", 12, new TimeRange(90, AS_OF));
    final List<KpiQuery> kpis = List.of(
            new KpiQuery(KpiQuery.Kind.EVENT_COUNT, "visit", null, null, TimeBucket.DAY, new TimeRange(90, AS_OF), 4),
            new KpiQuery(
                    KpiQuery.Kind.DISTINCT_USERS,
                    "view_docs",
                    null,
                    null,
                    TimeBucket.HOUR,
                    new TimeRange(20, AS_OF.minusSeconds(40L * 86400)),
                    4),
            new KpiQuery(
                    KpiQuery.Kind.CONVERSION, null, "visit", "signup", TimeBucket.DAY, new TimeRange(90, AS_OF), 4));
    JsonNode duckRetention;
    DropoffQuery dropoffs;
    DropoffCounts duckDropoffs;
    final List<KpiSeries> duckKpis = new java.util.ArrayList<>();
    FunnelQuery tiedOnly;
    FunnelCounts duckRepeated;
    DriverCounts duckDrivers;
    Connection connection;
    FakeBigQueryServer fake;
    BigQueryWarehouse warehouse;

    @BeforeAll
    void start() throws Exception {
        Path file = dir.resolve("events.duckdb");
        funnel = new FunnelQuery(
                "f",
                List.of(
                        new FunnelStep("visit", PropertyFilter.NONE),
                        new FunnelStep("signup", new PropertyFilter(Map.of("plan", List.of("pro", "free")))),
                        new FunnelStep("activate", PropertyFilter.NONE),
                        new FunnelStep("purchase", PropertyFilter.NONE)),
                new PropertyFilter(Map.of("utm_campaign", List.of("brand"))),
                14,
                new TimeRange(90, AS_OF));
        drivers = new DriverQuery(
                "purchase",
                "purchase",
                List.of("invite_teammate", "view_docs", "open_settings"),
                List.of("utm_campaign"),
                PropertyFilter.NONE,
                new TimeRange(90, AS_OF),
                30);
        try (DuckDbWarehouse duck = new DuckDbWarehouse(DuckDbDatabase.open(file))) {
            duck.insert(new SyntheticEvents(11, 1500, 0).all());
            // One instant where two visits and a signup must be split by step to reach step 3 of visit, signup, visit.
            Instant tie = AS_OF.minusSeconds(86400);
            duck.insert(List.of(
                    new Event("tied", "visit", tie, null, "tied-1"),
                    new Event("tied", "visit", tie, null, "tied-2"),
                    new Event("tied", "signup", tie, null, "tied-3")));
            repeated = new FunnelQuery(
                    "r",
                    List.of(
                            new FunnelStep("visit", PropertyFilter.NONE),
                            new FunnelStep("signup", PropertyFilter.NONE),
                            new FunnelStep("visit", PropertyFilter.NONE)),
                    PropertyFilter.NONE,
                    1,
                    new TimeRange(90, AS_OF));
            duckRepeated = duck.funnel(repeated);
            tiedOnly = new FunnelQuery("t", repeated.steps(), PropertyFilter.NONE, 1, new TimeRange(2, AS_OF));
            assertEquals(List.of(1L, 1L, 1L), duck.funnel(tiedOnly).usersPerStep());
            duckFunnel = duck.funnel(funnel);
            duckDrivers = duck.driverCounts(drivers);
            duckRetention = duck.retention(retention).toOutput(retention);
            for (KpiQuery kpi : kpis) duckKpis.add(duck.kpiSeries(kpi));
            dropoffs = new DropoffQuery(funnel, List.of("plan", "country"), 30);
            duckDropoffs = duck.dropoffs(dropoffs, 2);
        }
        connection = DriverManager.getConnection("jdbc:duckdb:" + file);
        // BigQuery tables fed at least once can hold an event twice: the same insert_id again. Every
        // answer below must still equal DuckDB's, computed before these rows were added.
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO events SELECT * FROM events WHERE user_id IN ('u1', 'u2', 'u3', 'u5', 'u8', 'tied')");
            statement.execute("INSERT INTO events SELECT * FROM events WHERE event_name IN ('purchase', 'signup')");
        }
        fake = new FakeBigQueryServer(connection);
        BigQuery client = BigQueryOptions.newBuilder()
                .setHost(fake.host())
                .setProjectId("p")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
        warehouse = new BigQueryWarehouse(client, SETTINGS);
    }

    @AfterAll
    void stop() throws Exception {
        fake.close();
        connection.close();
    }

    @Test
    void theFunnelShouldEqualDuckDbsOverTheWire() throws Exception {
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rs =
                        statement.executeQuery("SELECT COUNT(*) - COUNT(DISTINCT insert_id) FROM events")) {
            rs.next();
            assertTrue(rs.getLong(1) > 500, "the BigQuery table should hold duplicate events: " + rs.getLong(1));
        }
        int before = fake.queryRequests.size();
        assertEquals(duckFunnel, warehouse.funnel(funnel));
        assertTrue(duckFunnel.usersPerStep().get(3) > 0);
        JsonNode request = fake.queryRequests.get(before);
        assertFalse(request.path("useLegacySql").asBoolean(true));
        String sql = request.path("query").asString();
        assertTrue(sql.contains("`p.analytics.events`"), sql);
        for (String value : List.of("visit", "signup", "brand", "pro"))
            assertFalse(sql.contains("'" + value + "'"), "value in SQL text: " + value);
        assertTrue(Json.write(request.path("queryParameters")).contains("\"value\":\"visit\""));
        assertTrue(fake.contentEncodings.stream().allMatch("gzip"::equals), fake.contentEncodings.toString());
    }

    @Test
    void aFunnelWithRepeatedStepsAndTiedEventsShouldEqualDuckDbs() {
        assertEquals(duckRepeated, warehouse.funnel(repeated));
        assertEquals(List.of(1L, 1L, 1L), warehouse.funnel(tiedOnly).usersPerStep());
    }

    @Test
    void retentionAndKpiSeriesShouldEqualDuckDbs() {
        assertEquals(duckRetention, warehouse.retention(retention).toOutput(retention));
        assertTrue(duckRetention.path("cohorts").size() >= 8, duckRetention.toString());
        for (int i = 0; i < kpis.size(); i++) {
            KpiSeries series = warehouse.kpiSeries(kpis.get(i));
            assertEquals(duckKpis.get(i).firstBucket(), series.firstBucket());
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    duckKpis.get(i).values(), series.values(), kpis.get(i).toString());
            assertTrue(
                    java.util.Arrays.stream(series.values()).filter(v -> v > 0).count() > 10,
                    kpis.get(i).toString());
        }
    }

    @Test
    void dropoffCountsShouldEqualDuckDbs() {
        DropoffCounts counts = warehouse.dropoffs(dropoffs, 2);
        Comparator<DropoffCounts.Segment> bySegment =
                Comparator.comparing(DropoffCounts.Segment::property).thenComparing(DropoffCounts.Segment::value);
        assertEquals(
                duckDropoffs.segments().stream().sorted(bySegment).toList(),
                counts.segments().stream().sorted(bySegment).toList());
        Comparator<DropoffCounts.Alternative> byName = Comparator.comparing(DropoffCounts.Alternative::eventName);
        assertEquals(
                duckDropoffs.alternatives().stream().sorted(byName).toList(),
                counts.alternatives().stream().sorted(byName).toList());
        assertTrue(counts.segments().size() >= 7 && counts.alternatives().size() >= 2, counts.toString());
    }

    @Test
    void driverCountsShouldEqualDuckDbsAcrossPagedResults() {
        int dataCallsBefore =
                (int) fake.paths.stream().filter(p -> p.endsWith("/data")).count();
        DriverCounts counts = warehouse.driverCounts(drivers);
        assertEquals(duckDrivers.users(), counts.users());
        assertEquals(duckDrivers.convertedUsers(), counts.convertedUsers());
        Comparator<FeatureCount> order = Comparator.comparing(FeatureCount::name);
        assertEquals(
                duckDrivers.features().stream().sorted(order).toList(),
                counts.features().stream().sorted(order).toList());
        assertTrue(counts.features().size() > 4);
        long dataCalls = fake.paths.stream().filter(p -> p.endsWith("/data")).count() - dataCallsBefore;
        assertTrue(dataCalls >= 3, "the result should have been paged: " + fake.paths);
    }

    @Test
    void insightsShouldBeWrittenAndRemovedWithDml() {
        InsightRecord record = new InsightRecord(
                "ins_bq1",
                Instant.parse("2026-03-01T00:00:00Z"),
                "driver",
                "O'Brien's title",
                "s",
                "high",
                0.75,
                30,
                Json.object().put("k", "v"),
                Json.array().add(Json.object().put("action", "a").put("rationale", "r")),
                null,
                "run-9",
                "insights/ins_bq1/");
        assertFalse(warehouse.insightExists("ins_bq1"));
        warehouse.insertInsight(record);
        assertTrue(warehouse.insightExists("ins_bq1"));
        warehouse.deleteInsight("ins_bq1");
        assertFalse(warehouse.insightExists("ins_bq1"));
    }

    @Test
    void aQueryErrorShouldBecomeAWarehouseErrorThatSaysWhatToCheck() {
        BigQueryWarehouse broken = new BigQueryWarehouse(
                BigQueryOptions.newBuilder()
                        .setHost(fake.host())
                        .setProjectId("p")
                        .setCredentials(NoCredentials.getInstance())
                        .build()
                        .getService(),
                new AnalyticsSettings.BigQuerySettings(
                        "p", "analytics", "no_such_table", "insights", "US", "unused", true));
        WarehouseException error = assertThrows(WarehouseException.class, () -> broken.funnel(funnel));
        assertTrue(error.getMessage().contains("check analytics.bigquery settings"), error.getMessage());
    }

    @Test
    void theModuleShouldRunOnBigQueryWhenConfiguredAndRefuseIngest() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ws"));
        Workspace workspace = Workspace.open(root);
        Files.writeString(
                workspace.configFile(),
                "analytics:\n  backend: bigquery\n  bigquery:\n    project: p\n    dataset: analytics\n" + "    host: "
                        + fake.host() + "\n    credentials: none\n");
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace,
                com.productos.executors.ExecutorTestSupport.REGISTRY,
                ProductOsConfig.load(workspace, Map.of()),
                Clock.fixed(AS_OF, ZoneOffset.UTC));
        try (AnalyticsModule module = AnalyticsModule.create(environment)) {
            JsonNode output = module.routes()
                    .get("/execute/analytics/funnel_summary")
                    .handle(new ExecutorRequest(
                            "/execute/analytics/funnel_summary",
                            Json.parse("""
                            {"range_days": 90, "funnel": {"name": "f", "steps": [{"event_name": "visit"}, {"event_name": "signup"}]}}"""),
                            "r",
                            null,
                            "user",
                            new ExecutorLog()));
            assertTrue(output.path("steps").get(1).path("users").asLong() > 0, output.toString());
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> module.routes()
                            .get("/ingest/events")
                            .handle(new ExecutorRequest(
                                    "/ingest/events",
                                    Json.parse("{\"events\": [{}]}"),
                                    null,
                                    null,
                                    "service",
                                    new ExecutorLog())));
            assertEquals(409, failure.httpStatus());
            assertTrue(failure.getMessage().contains("Pub/Sub or load jobs"));
        }
    }
}
