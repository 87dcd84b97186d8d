package com.productos.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.productos.app.Backend;
import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.json.Json;
import com.productos.runs.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * cohort_retention, anomaly_detect and identify_dropoffs end to end through the control plane: they
 * run as low-risk read-only tools without approval, their outputs pass the registry's schemas, and
 * bad input fails the run with the field named.
 */
class NewAnalyticsToolsThroughControlPlaneTest {
    @TempDir
    Path root;

    private static Run call(ControlPlane plane, String tool, String input) throws Exception {
        Run started = plane.start(CallRequest.byUser(tool, Json.parse(input)));
        return plane.settle(started.id()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void theThreeToolsShouldRunWithoutApprovalAndAnswerOnContract() throws Exception {
        Instant day = Instant.parse("2026-05-04T00:00:00Z");
        ArrayNode events = Json.array();
        for (int u = 0; u < 12; u++) {
            Instant at = day.plusSeconds(3600L * u);
            events.add(event("u" + u, "visit", at, u % 2 == 0 ? "promo" : "brand"));
            if (u % 2 == 1) events.add(event("u" + u, "signup", at.plusSeconds(60), "brand"));
            if (u % 3 == 0) events.add(event("u" + u, "visit", at.plusSeconds(86_400), "brand"));
        }
        ObjectNode ingest = Json.object();
        ingest.set("events", events);
        try (Backend backend = Backend.open(root, Map.of())) {
            ControlPlane plane = backend.controlPlane();
            assertEquals(
                    "succeeded",
                    call(plane, "events.ingest", Json.canonical(ingest))
                            .status()
                            .wireName());
            String asOf = "\"as_of\": \"2026-05-07T00:00:00Z\"";
            Run retention =
                    call(plane, "analytics.cohort_retention", "{\"range_days\": 7, \"period\": \"day\", " + asOf + "}");
            assertEquals("succeeded", retention.status().wireName(), String.valueOf(retention.error()));
            assertEquals(
                    12,
                    retention.output().path("cohorts").get(0).path("size").asInt(),
                    retention.output().toString());
            assertEquals(
                    4,
                    retention
                            .output()
                            .path("cohorts")
                            .get(0)
                            .path("retained")
                            .get(1)
                            .asInt());
            Run anomalies = call(
                    plane,
                    "analytics.anomaly_detect",
                    "{\"range_days\": 3, " + asOf
                            + ", \"kpi\": {\"type\": \"distinct_users\", \"event_name\": \"visit\"}}");
            assertEquals("succeeded", anomalies.status().wireName(), String.valueOf(anomalies.error()));
            assertEquals(3, anomalies.output().path("points").asInt());
            Run dropoffs = call(
                    plane,
                    "growth.identify_dropoffs",
                    "{\"range_days\": 7, " + asOf + ", \"segment_by\": [\"utm_campaign\"],"
                            + " \"funnel\": {\"name\": \"signup\", \"steps\": [{\"event_name\": \"visit\"}, {\"event_name\": \"signup\"}]}}");
            assertEquals("succeeded", dropoffs.status().wireName(), String.valueOf(dropoffs.error()));
            assertEquals(
                    6,
                    dropoffs.output().path("worst_step").path("users_lost").asInt(),
                    dropoffs.output().toString());
            Run refused = call(
                    plane,
                    "analytics.anomaly_detect",
                    "{\"range_days\": 3, \"kpi\": {\"type\": \"conversion\", \"from_event\": \"visit\"}}");
            assertEquals("failed", refused.status().wireName());
            assertEquals(
                    true, String.valueOf(refused.error()).contains("/kpi/to_event"), String.valueOf(refused.error()));
        }
    }

    private static ObjectNode event(String user, String name, Instant at, String campaign) {
        ObjectNode event =
                Json.object().put("user_id", user).put("event_name", name).put("timestamp", at.toString());
        event.set("properties", Json.object().put("utm_campaign", campaign));
        return event;
    }
}
