package com.productos.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.fixtures.SyntheticEvents;
import com.productos.app.ExecutorCatalog;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class AnalyticsModuleTest {
    static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    Workspace workspace;
    ExecutorModule module;

    @BeforeEach
    void start() throws Exception {
        workspace = Workspace.open(dir);
        Files.writeString(
                workspace.configFile(), "analytics:\n  backend: duckdb\n  ingest:\n    max_events_per_batch: 5\n");
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace,
                REGISTRY,
                ProductOsConfig.load(workspace, java.util.Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorModuleFactory factory = ExecutorCatalog.embedded().stream()
                .filter(f -> "analytics".equals(f.executorName()))
                .findFirst()
                .orElseThrow();
        module = factory.create(environment);
    }

    @AfterEach
    void stop() throws Exception {
        module.close();
    }

    /** Calls a tool's handler the way the control plane does: input valid, output checked against the registry. */
    JsonNode call(String tool, String input, String idempotencyKey, ExecutorLog log) throws ExecutorFailure {
        ToolDefinition definition = REGISTRY.find(tool).orElseThrow();
        JsonNode inputNode = Json.parse(input);
        assertEquals(List.of(), definition.inputSchema().validate(inputNode), "test input must satisfy the registry");
        JsonNode output = module.routes()
                .get(definition.executor().path())
                .handle(new ExecutorRequest(
                        definition.executor().path(), inputNode, "run-1", idempotencyKey, "user", log));
        List<FieldError> errors = definition.outputSchema().validate(output);
        assertEquals(List.of(), errors, "output off contract: " + output);
        return output;
    }

    JsonNode call(String tool, String input) throws ExecutorFailure {
        return call(tool, input, null, new ExecutorLog());
    }

    @Test
    void theModuleShouldServeEveryAnalyticsToolOfTheRegistryAndTheIngestEndpoint() {
        assertEquals("analytics", module.executorName());
        for (ToolDefinition tool : REGISTRY.tools()) {
            if (tool.executor().executorName().equals("analytics")) {
                assertTrue(module.routes().containsKey(tool.executor().path()), tool.name());
            }
        }
        assertTrue(module.routes().containsKey("/ingest/events"));
        assertTrue(REGISTRY.find("events.ingest").isPresent());
    }

    @Nested
    class Ingest {
        @Test
        void goodEventsShouldBeStoredAndEachBadOneReported() throws Exception {
            JsonNode output = call("events.ingest", """
                    {"events": [
                      {"user_id": "u1", "event_name": "signup", "timestamp": "2026-02-20T10:00:00Z", "properties": {"plan": "pro"}},
                      {"user_id": "", "event_name": "signup", "timestamp": "2026-02-20T10:00:00Z"},
                      {"user_id": "u2", "event_name": "signup", "timestamp": "yesterday", "insert_id": "x-2"},
                      {"user_id": "u3", "event_name": "visit", "timestamp": "2026-02-20T09:00:00Z", "insert_id": "x-3"}
                    ]}""");
            assertEquals(2, output.path("accepted").asInt());
            assertEquals(2, output.path("rejected").size());
            assertEquals(1, output.path("rejected").get(0).path("index").asInt());
            assertTrue(output.path("rejected").get(0).path("reason").asString().contains("user_id"));
            assertEquals("x-2", output.path("rejected").get(1).path("insert_id").asString());
            assertTrue(output.path("rejected").get(1).path("reason").asString().contains("yesterday"));

            JsonNode again = module.routes()
                    .get("/ingest/events")
                    .handle(new ExecutorRequest(
                            "/ingest/events", Json.parse("""
                    {"events": [{"user_id": "u3", "event_name": "visit", "timestamp": "2026-02-20T09:00:00Z", "insert_id": "x-3"},
                                {"user_id": "u1", "event_name": "signup", "timestamp": "2026-02-20T10:00:00+00:00"}]}"""), null, null, "service", new ExecutorLog()));
            assertEquals(0, again.path("accepted").asInt());
            assertEquals(2, again.path("duplicates").asInt());
        }

        @Test
        void aBatchOverTheLimitShouldBeRefusedWhole() {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                if (i > 0) events.append(',');
                events.append("{\"user_id\":\"u\",\"event_name\":\"e\",\"timestamp\":\"2026-02-20T10:00:0")
                        .append(i)
                        .append("Z\"}");
            }
            ExecutorFailure failure =
                    assertThrows(ExecutorFailure.class, () -> call("events.ingest", "{\"events\":[" + events + "]}"));
            assertEquals(413, failure.httpStatus());
            assertTrue(failure.getMessage().contains("limit of 5"));
        }
    }

    @Nested
    class Funnel {
        @BeforeEach
        void load() throws Exception {
            AnalyticsModule analytics = (AnalyticsModule) module;
            analytics.warehouse().eventSink().orElseThrow().insert(new SyntheticEvents(3, 500, 0).all());
        }

        @Test
        void aFunnelShouldAnswerOnContract() throws Exception {
            JsonNode output = call("analytics.funnel_summary", """
                    {"range_days": 90, "as_of": "2026-03-31T00:00:00Z", "conversion_window_days": 30,
                     "funnel": {"name": "activation", "steps": [{"event_name": "visit"}, {"event_name": "signup"},
                                {"event_name": "activate", "filter": {"plan": ["pro", "free"]}}, {"event_name": "purchase"}]},
                     "segment": {"utm_campaign": "brand"}}""");
            assertEquals("activation", output.path("funnel_name").asString());
            JsonNode steps = output.path("steps");
            assertEquals(4, steps.size());
            assertEquals(1.0, steps.get(0).path("conversion_from_prev").asDouble());
            assertTrue(steps.get(0).path("users").asLong() > 100);
            assertEquals(
                    (double) steps.get(1).path("users").asLong()
                            / steps.get(0).path("users").asLong(),
                    steps.get(1).path("conversion_from_prev").asDouble(),
                    1e-12);
        }

        @Test
        void unknownEventNamesShouldGiveZerosNotErrors() throws Exception {
            JsonNode output = call("analytics.funnel_summary", """
                    {"range_days": 30, "funnel": {"name": "f", "steps": [{"event_name": "nothing"}, {"event_name": "never"}]}}""");
            assertEquals(0, output.path("steps").get(0).path("users").asLong());
            assertEquals(
                    0.0,
                    output.path("steps").get(1).path("conversion_from_prev").asDouble());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"range_days\": 30, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\"}]}}|/funnel/steps",
                    "{\"range_days\": 30, \"conversion_window_days\": 0, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\"}, {\"event_name\": \"b\"}]}}|/conversion_window_days",
                    "{\"range_days\": 30, \"conversion_window_days\": 400, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\"}, {\"event_name\": \"b\"}]}}|/conversion_window_days",
                    "{\"range_days\": 30, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\", \"filter\": {\"plan\": {\"op\": \"eq\"}}}, {\"event_name\": \"b\"}]}}|/funnel/steps/0/filter/plan",
                    "{\"range_days\": 30, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\", \"filter\": {\"bad key\": 1}}, {\"event_name\": \"b\"}]}}|/funnel/steps/0/filter/bad key",
                    "{\"range_days\": 30, \"segment\": {\"country\": []}, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\"}, {\"event_name\": \"b\"}]}}|/segment/country",
                    "{\"range_days\": 30, \"as_of\": \"last tuesday\", \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\"}, {\"event_name\": \"b\"}]}}|/as_of",
                })
        void badFunnelsShouldBeClearValidationErrors(String input, String pointer) {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> module.routes()
                            .get("/execute/analytics/funnel_summary")
                            .handle(new ExecutorRequest(
                                    "/execute/analytics/funnel_summary",
                                    Json.parse(input),
                                    "r",
                                    null,
                                    "user",
                                    new ExecutorLog())));
            assertEquals(400, failure.httpStatus());
            assertEquals(pointer, failure.details().get(0).path("pointer").asString(), failure.getMessage());
            assertTrue(failure.getMessage().contains("Fix these fields"), failure.getMessage());
        }
    }

    @Nested
    class WriteInsight {
        static final String INSIGHT = """
                {"insight": {"type": "funnel_drop", "title": "Spring promo users stall at signup", "summary": "Only 15% sign up.",
                  "severity": "high", "confidence": 0.9, "window": {"range_days": 30},
                  "context": {"funnel": {"steps": [{"event_name": "visit", "users": 1000}, {"event_name": "signup", "users": 150}]}},
                  "recommendations": [{"action": "Fix the promo landing page", "rationale": "Signup drops 4x"}],
                  "links": [{"label": "Dashboard", "url": "https://example.com/d"}]}}""";

        @Test
        void anInsightShouldBeStoredInAllThreePlacesAndReplayedByIdempotencyKey() throws Exception {
            ExecutorLog log = new ExecutorLog();
            JsonNode output = call("analytics.write_insight", INSIGHT, "key-1", log);
            String id = output.path("insight_id").asString();
            assertTrue(id.startsWith("ins_"));
            assertEquals(
                    "analytics.duckdb",
                    output.path("stored").path("bigquery").path("dataset").asString());
            assertEquals(
                    "insights",
                    output.path("stored").path("bigquery").path("table").asString());
            assertEquals(
                    "insight_pointers",
                    output.path("stored").path("firestore").path("collection").asString());
            assertEquals(
                    ".productos/artifacts",
                    output.path("stored").path("gcs").path("bucket").asString());
            Path folder = workspace.artifactsDir().resolve("insights").resolve(id);
            assertTrue(Files.readString(folder.resolve("report.md"))
                    .contains("1. **Fix the promo landing page**: Signup drops 4x"));
            String svg = Files.readString(folder.resolve("chart.svg"));
            assertTrue(svg.startsWith("<svg") && svg.contains(">signup</text>") && svg.contains(">1,000</text>"), svg);
            assertEquals(
                    id,
                    Json.parse(Files.readString(folder.resolve("insight.json")))
                            .path("insight_id")
                            .asString());
            assertEquals(3, log.artifacts().size());
            AnalyticsModule analytics = (AnalyticsModule) module;
            assertTrue(analytics.warehouse().insightExists(id));
            try (var connection = DriverManager.getConnection("jdbc:sqlite:" + workspace.executorStore("analytics"));
                    ResultSet rs = connection
                            .createStatement()
                            .executeQuery("SELECT document FROM insight_pointers WHERE doc_id = '" + id + "'")) {
                assertTrue(rs.next());
                assertEquals(
                        "high", Json.parse(rs.getString(1)).path("severity").asString());
            }

            JsonNode replay = call("analytics.write_insight", INSIGHT, "key-1", new ExecutorLog());
            assertEquals(output, replay);
            JsonNode other = call("analytics.write_insight", INSIGHT, "key-2", new ExecutorLog());
            assertTrue(!other.path("insight_id").asString().equals(id));
        }

        @Test
        void aDriversInsightShouldChartItsDrivers() throws Exception {
            JsonNode output = call("analytics.write_insight", """
                    {"insight": {"type": "driver", "title": "Invites drive purchases", "summary": "s", "severity": "info",
                      "confidence": 0.99, "window": {"range_days": 90},
                      "context": {"drivers": [{"name": "invite_teammate", "score": 4.2}, {"name": "utm_campaign=spring_promo", "score": 0.4}]},
                      "recommendations": [{"action": "Prompt invites", "rationale": "x4.2 odds"}]}}""");
            String svg = Files.readString(workspace
                    .artifactsDir()
                    .resolve("insights")
                    .resolve(output.path("insight_id").asString())
                    .resolve("chart.svg"));
            assertTrue(svg.contains("invite_teammate (x4.20)") && svg.contains("#dc2626"), svg);
        }

        @Test
        void blankTextShouldBeRefusedAndNothingWritten() throws Exception {
            ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> call("analytics.write_insight", """
                    {"insight": {"type": "general", "title": " ", "summary": "s", "severity": "low", "confidence": 0.5,
                      "window": {"range_days": 7}, "recommendations": [{"action": "", "rationale": "r"}]}}"""));
            assertEquals(400, failure.httpStatus());
            assertTrue(failure.details().toString().contains("/insight/title"));
            assertTrue(failure.details().toString().contains("/insight/recommendations/0/action"));
            assertTrue(!Files.exists(workspace.artifactsDir().resolve("insights")));
        }
    }
}
