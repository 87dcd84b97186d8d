package com.productos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.Backend;
import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.testing.CliProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chain insight -> campaign plan -> draft -> publication -> measurement, made through the
 * registry tools and read back whole by {@code productos campaigns show} and {@code insights show}
 * in processes of their own.
 */
class LinkedRecordsChainTest {
    static final Map<String, String> IN_PROCESS = Map.of("PRODUCTOS_NO_DAEMON", "1");

    @TempDir
    Path root;

    private static Run call(ControlPlane plane, String tool, String input) throws Exception {
        Run run = plane.settle(
                        plane.start(CallRequest.byUser(tool, Json.parse(input))).id())
                .get(60, TimeUnit.SECONDS);
        if (run.approvalId() != null && "awaiting_approval".equals(run.status().wireName())) {
            plane.decide(run.approvalId(), true, "tester", "chain test");
            run = plane.settle(run.id()).get(60, TimeUnit.SECONDS);
        }
        assertEquals("succeeded", run.status().wireName(), tool + ": " + run.error());
        return run;
    }

    @Test
    void everyLinkOfTheChainShouldBeReadBackFromTheCommandLine() throws Exception {
        String insightId;
        String planId;
        String draftRun;
        String publicationId;
        String measurementId;
        try (Backend backend = Backend.open(root, IN_PROCESS)) {
            ControlPlane plane = backend.controlPlane();
            call(plane, "brand.update_profile", """
                    {"profile_id": "default", "patch": {"name": "Acme", "voice": {"tone": ["plain"], "style_notes": [], "do": [], "dont": []},
                     "audience": {"primary": "founders"}, "claims_policy": {"forbidden_claims": [], "required_disclaimers": []}}}""");
            insightId = call(plane, "analytics.write_insight", """
                    {"insight": {"type": "funnel_drop", "title": "Sign-ups stall after the landing page", "summary": "Most visitors leave.",
                     "severity": "high", "confidence": 0.8, "window": {"range_days": 7},
                     "recommendations": [{"action": "Show the teammate invite on the landing page", "rationale": "invites convert"}]}}""")
                    .output()
                    .path("insight_id")
                    .asString();
            JsonNode plan = call(plane, "marketing.generate_campaign_plan", """
                    {"brand_profile_id": "default", "product": "Acme", "landing_page_url": "https://acme.example/",
                     "insight": {"insight_id": "%s", "title": "Sign-ups stall after the landing page",
                                 "recommendations": [{"action": "Show the teammate invite on the landing page"}]},
                     "channels": ["x"], "metric": {"event_name": "signed_up"}}""".formatted(insightId))
                    .output();
            planId = plan.path("plan_id").asString();
            ObjectNode posts = Json.object()
                    .put("brand_profile_id", "default")
                    .put("plan_id", planId)
                    .put("variations_per_channel", 1);
            posts.set("brief", plan.path("briefs").get(0).path("brief"));
            posts.putArray("channels").add("x");
            Run drafted = call(plane, "marketing.generate_channel_posts", Json.canonical(posts));
            draftRun = drafted.id();
            String text = drafted.output()
                    .path("channels")
                    .get(0)
                    .path("posts")
                    .get(0)
                    .path("text")
                    .asString();
            ObjectNode publish = Json.object().put("plan_id", planId);
            publish.putObject("campaign")
                    .put("name", plan.path("name").asString())
                    .putArray("posts")
                    .addObject()
                    .put("channel", "x")
                    .put("text", text);
            publish.putObject("schedule").put("mode", "now");
            publicationId = call(plane, "marketing.publish_missinglettr", Json.canonical(publish))
                    .output()
                    .path("campaign_id")
                    .asString();
            ArrayNode events = Json.array();
            Instant start = Instant.parse("2026-06-01T00:00:00Z");
            for (int u = 0; u < 4; u++) {
                ObjectNode event = events.addObject()
                        .put("user_id", "u" + u)
                        .put("event_name", "landing_viewed")
                        .put("timestamp", start.plusSeconds(u).toString());
                event.putObject("properties")
                        .put(
                                "utm_campaign",
                                plan.path("utm").path("utm_campaign").asString());
            }
            ObjectNode ingest = Json.object();
            ingest.set("events", events);
            call(plane, "events.ingest", Json.canonical(ingest));
            measurementId = call(plane, "analytics.measure_campaign", """
                    {"campaign": {"campaign_id": "%s", "utm_campaign": "%s", "started_at": "2026-06-01T00:00:00Z", "ended_at": "2026-06-02T00:00:00Z"},
                     "insight_id": "%s", "funnel": {"name": "signup", "steps": [{"event_name": "landing_viewed"}, {"event_name": "signed_up"}]}}""".formatted(
                            planId, plan.path("utm").path("utm_campaign").asString(), insightId))
                    .output()
                    .path("measurement_id")
                    .asString();
        }

        CliProcess.Result shown = CliProcess.run(
                root.resolve(".productos/test-out"),
                IN_PROCESS,
                "campaigns",
                "show",
                planId,
                "--json",
                "--workspace",
                root.toString());
        assertEquals(0, shown.exitCode(), shown.toString());
        JsonNode chain = Json.parse(shown.stdout());
        assertEquals(insightId, chain.path("insight").path("insight_id").asString());
        assertEquals(planId, chain.path("plan").path("plan_id").asString());
        assertEquals(draftRun, chain.path("drafts").path(0).path("run_id").asString());
        assertEquals(
                publicationId,
                chain.path("publications").path(0).path("campaign_id").asString());
        assertEquals(
                measurementId,
                chain.path("measurements").get(0).path("measurement_id").asString());
        assertEquals(
                "too_little_data",
                chain.path("measurements").get(0).path("conclusion").asString());

        CliProcess.Result insight = CliProcess.run(
                root.resolve(".productos/test-out"),
                IN_PROCESS,
                "insights",
                "show",
                insightId,
                "--workspace",
                root.toString());
        assertEquals(0, insight.exitCode(), insight.toString());
        assertTrue(insight.stdout().contains(planId) && insight.stdout().contains(measurementId), insight.stdout());

        CliProcess.Result missing = CliProcess.run(
                root.resolve(".productos/test-out"),
                IN_PROCESS,
                "campaigns",
                "show",
                "plan_nope",
                "--workspace",
                root.toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(
                missing.stderr().contains("plan_nope") && missing.stderr().contains("marketing.list_campaigns"),
                missing.toString());
    }
}
