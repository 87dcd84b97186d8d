package com.productos.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.EmbeddedExecutors;
import com.productos.config.ExecutorEndpoint;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ExecutorResult;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The analytics executor served over HTTP by the embedded executor server, with its bearer auth. */
class AnalyticsOverHttpTest {
    @TempDir
    Path root;

    @Test
    void eventsShouldGoInOverHttpAndComeOutAsAFunnelAndAnInsight() throws Exception {
        Workspace workspace = Workspace.open(root);
        Files.writeString(workspace.configFile(), "analytics:\n  ingest:\n    max_events_per_batch: 3\n");
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace,
                ExecutorTestSupport.REGISTRY,
                ProductOsConfig.load(workspace, Map.of()),
                Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment);
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), environment.config())) {
            assertTrue(executors.embeddedExecutorNames().contains("analytics"));
            ExecutorResult ingested = client.invoke(
                            ExecutorTestSupport.tool("events.ingest"), ExecutorTestSupport.run("events.ingest", """
                    {"events": [{"user_id": "a", "event_name": "visit", "timestamp": "2026-02-20T10:00:00Z"},
                                {"user_id": "a", "event_name": "signup", "timestamp": "2026-02-20T10:05:00Z"},
                                {"user_id": "b", "event_name": "visit", "timestamp": "2026-02-21T10:00:00Z"}]}"""))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(3, ingested.output().path("accepted").asInt());

            // A product service posts to the ingest endpoint with the executor's bearer token.
            ExecutorEndpoint endpoint = executors.endpointFor("analytics");
            HttpClient http = HttpClient.newHttpClient();
            String batch =
                    "{\"events\": [{\"user_id\": \"c\", \"event_name\": \"visit\", \"timestamp\": \"2026-02-22T10:00:00Z\"},"
                            + " {\"user_id\": \"c\", \"event_name\": \"signup\", \"timestamp\": \"bad\"}]}";
            HttpResponse<String> posted = http.send(
                    post(endpoint, "/ingest/events", batch, endpoint.bearerToken()),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            JsonNode answer = Json.parse(posted.body()).path("output");
            assertEquals(1, answer.path("accepted").asInt());
            assertEquals(1, answer.path("rejected").get(0).path("index").asInt());
            HttpResponse<String> anonymous =
                    http.send(post(endpoint, "/ingest/events", batch, null), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            HttpResponse<String> tooMany = http.send(
                    post(endpoint, "/ingest/events", "{\"events\": [{}, {}, {}, {}]}", endpoint.bearerToken()),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, tooMany.statusCode(), tooMany.body());

            ExecutorResult funnel = client.invoke(
                            ExecutorTestSupport.tool("analytics.funnel_summary"),
                            ExecutorTestSupport.run("analytics.funnel_summary", """
                    {"range_days": 30, "funnel": {"name": "signup", "steps": [{"event_name": "visit"}, {"event_name": "signup"}]}}"""))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(3, funnel.output().path("steps").get(0).path("users").asInt());
            assertEquals(1, funnel.output().path("steps").get(1).path("users").asInt());

            ExecutorResult retention = client.invoke(
                            ExecutorTestSupport.tool("analytics.cohort_retention"),
                            ExecutorTestSupport.run("analytics.cohort_retention", """
                    {"range_days": 30, "period": "day", "start_event": "visit", "return_event": "visit"}"""))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(
                    3,
                    retention.output().path("cohorts").size(),
                    retention.output().toString());
            ExecutorResult anomalies = client.invoke(
                            ExecutorTestSupport.tool("analytics.anomaly_detect"),
                            ExecutorTestSupport.run("analytics.anomaly_detect", """
                    {"range_days": 30, "kpi": {"type": "event_count", "event_name": "visit"}}"""))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(
                    30,
                    anomalies.output().path("points").asInt(),
                    anomalies.output().toString());

            ExecutorResult insight = client.invoke(
                            ExecutorTestSupport.tool("analytics.write_insight"),
                            ExecutorTestSupport.run(
                                    "analytics.write_insight",
                                    Json.parse("""
                    {"insight": {"type": "funnel_drop", "title": "Most visitors do not sign up", "summary": "1 of 3 signed up.",
                      "severity": "medium", "confidence": 0.6, "window": {"range_days": 30}, "context": {"funnel": %s},
                      "recommendations": [{"action": "Shorten the signup form", "rationale": "67%% drop at step 2"}]}}""".formatted(Json.write(funnel.output()))),
                                    "insight-1"))
                    .get(30, TimeUnit.SECONDS);
            String id = insight.output().path("insight_id").asString();
            assertTrue(Files.exists(
                    workspace.artifactsDir().resolve("insights").resolve(id).resolve("chart.svg")));
            assertEquals(3, insight.artifacts().size());
        }
    }

    static HttpRequest post(ExecutorEndpoint endpoint, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return request.build();
    }
}
