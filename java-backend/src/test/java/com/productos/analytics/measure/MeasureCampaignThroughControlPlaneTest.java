package com.productos.analytics.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The registry tool end to end: events in through events.ingest, a measurement out that its output schema accepts. */
class MeasureCampaignThroughControlPlaneTest {
    @TempDir
    Path root;

    private static Run call(ControlPlane plane, String tool, String input) throws Exception {
        Run started = plane.start(CallRequest.byUser(tool, Json.parse(input)));
        return plane.settle(started.id()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aMeasurementShouldRunAsALowRiskToolAndMatchItsOutputSchema() throws Exception {
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        ArrayNode events = Json.array();
        for (int u = 0; u < 40; u++) {
            boolean campaign = u % 2 == 0;
            Instant at = start.plusSeconds(60L * u);
            ObjectNode properties = Json.object().put("path", "/");
            if (campaign) properties.put("utm_campaign", "spring");
            events.add(event("u" + u, "landing_viewed", at, properties));
            if (campaign || u % 4 == 1) events.add(event("u" + u, "signed_up", at.plusSeconds(5), Json.object()));
        }
        ObjectNode ingest = Json.object();
        ingest.set("events", events);
        try (Backend backend = Backend.open(root, Map.of())) {
            ControlPlane plane = backend.controlPlane();
            Run ingested = call(plane, "events.ingest", Json.canonical(ingest));
            assertEquals("succeeded", ingested.status().wireName(), String.valueOf(ingested.error()));
            Run measured = call(plane, "analytics.measure_campaign", """
                    {"campaign": {"campaign_id": "cmp_1", "utm_campaign": "spring", "started_at": "2026-05-01T00:00:00Z",
                     "ended_at": "2026-05-02T00:00:00Z"}, "min_users_per_group": 10,
                     "funnel": {"name": "signup", "steps": [{"event_name": "landing_viewed"}, {"event_name": "signed_up"}]}}""");
            assertEquals("succeeded", measured.status().wireName(), String.valueOf(measured.error()));
            assertEquals(
                    20, measured.output().path("campaign_group").path("users").asInt());
            assertEquals(
                    20,
                    measured.output().path("campaign_group").path("converted").asInt());
            assertEquals(
                    10,
                    measured.output()
                            .path("comparisons")
                            .get(0)
                            .path("baseline_group")
                            .path("converted")
                            .asInt());
            assertEquals(
                    "uplift",
                    measured.output().path("conclusion").asString(),
                    measured.output().toPrettyString());
            assertTrue(measured.output()
                    .path("comparisons")
                    .get(1)
                    .path("conclusion")
                    .asString()
                    .equals("too_little_data"));
        }
    }

    private static ObjectNode event(String user, String name, Instant at, ObjectNode properties) {
        ObjectNode event =
                Json.object().put("user_id", user).put("event_name", name).put("timestamp", at.toString());
        event.set("properties", properties);
        return event;
    }
}
