package com.productos.marketing.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.Backend;
import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.json.Json;
import com.productos.runs.Run;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** marketing.generate_campaign_plan as a registry tool: a plan on the brand, whose briefs the post generator takes as they are. */
class CampaignPlanThroughControlPlaneTest {
    static final String PLAN = """
            {"brand_profile_id": "default", "product": "Acme Analytics", "landing_page_url": "https://acme.example/teams?ref=plan",
             "start_at": "2026-03-02T09:00:00Z", "duration_days": 14,
             "insight": {"insight_id": "ins_1", "title": "Sign-ups stall after the landing page",
                         "recommendations": [{"action": "Show the one-click teammate invite on the landing page"},
                                             {"action": "Guaranteed growth for every team"},
                                             {"action": "See your funnel in the editor"}]},
             "metric": {"funnel_name": "onboarding", "event_name": "signed_up", "baseline_conversion": 0.12, "target_uplift_points": 3}}""";

    @TempDir
    Path root;

    Backend backend;
    ControlPlane plane;

    private Run call(String tool, String input) throws Exception {
        return call(CallRequest.byUser(tool, Json.parse(input)));
    }

    private Run call(CallRequest request) throws Exception {
        Run started = plane.start(request);
        return plane.settle(started.id()).get(60, TimeUnit.SECONDS);
    }

    private static CallRequest keyed(String input, String key) {
        return new CallRequest(
                "marketing.generate_campaign_plan", Json.parse(input), com.productos.policy.Actor.USER, key, null);
    }

    @BeforeEach
    void brand() throws Exception {
        backend = Backend.open(root, Map.of());
        plane = backend.controlPlane();
        assertEquals("succeeded", call("brand.update_profile", """
                {"profile_id": "default", "patch": {"name": "Acme", "voice": {"tone": ["plain"], "style_notes": [], "do": [], "dont": ["hype"]},
                 "audience": {"primary": "founders of small SaaS teams"},
                 "claims_policy": {"forbidden_claims": ["guaranteed growth"], "required_disclaimers": []}}}""").status().wireName());
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        backend.close();
    }

    @Test
    void aPlanShouldLeaveOutForbiddenClaimsTagItsLinksAndFeedThePostGenerator() throws Exception {
        Run planned = call("marketing.generate_campaign_plan", PLAN);
        assertEquals("succeeded", planned.status().wireName(), String.valueOf(planned.error()));
        JsonNode plan = planned.output();
        assertEquals("ins_1", plan.path("insight_id").asString());
        assertEquals(2, plan.path("key_messages").size(), plan.toPrettyString());
        assertFalse(plan.path("key_messages").toString().toLowerCase().contains("guaranteed"));
        assertTrue(
                plan.path("warnings").get(0).asString().contains("guaranteed growth"),
                plan.path("warnings").toString());
        assertEquals(0.15, plan.path("metric").path("target_conversion").asDouble(), 1e-9);
        assertTrue(
                plan.path("goal").asString().contains("12.0% to 15.0%"),
                plan.path("goal").asString());
        String tag = plan.path("utm").path("utm_campaign").asString();
        assertTrue(tag.startsWith("sign-ups-stall-after-the-landing-page-"), tag);
        assertEquals(
                "https://acme.example/teams?ref=plan&utm_source=x&utm_medium=social&utm_campaign=" + tag,
                plan.path("channels").get(0).path("landing_page_url").asString());
        assertEquals(6 + 4, plan.path("schedule").size());

        ObjectNode posts = Json.object().put("brand_profile_id", "default").put("variations_per_channel", 1);
        posts.set("brief", plan.path("briefs").get(0).path("brief"));
        posts.putArray("channels").add("x");
        Run generated = call("marketing.generate_channel_posts", Json.canonical(posts));
        assertEquals("succeeded", generated.status().wireName(), String.valueOf(generated.error()));
    }

    @Test
    void theSameIdempotencyKeyShouldReturnTheSamePlan() throws Exception {
        Run first = call(keyed(PLAN, "plan-key"));
        Run again = call(keyed(PLAN, "plan-key"));
        assertEquals(
                first.output().path("plan_id").asString(),
                again.output().path("plan_id").asString());
    }

    @Test
    void noSourceABadLinkAndAMissingBrandShouldEachBeNamed() throws Exception {
        Run neither = call("marketing.generate_campaign_plan", """
                {"brand_profile_id": "default", "product": "Acme", "landing_page_url": "acme.example", "metric": {"event_name": "signed_up"}}""");
        assertEquals("failed", neither.status().wireName());
        String details = String.valueOf(neither.error().details());
        assertTrue(details.contains("/insight") && details.contains("/landing_page_url"), details);
        Run noBrand = call(
                "marketing.generate_campaign_plan",
                PLAN.replace("\"brand_profile_id\": \"default\"", "\"brand_profile_id\": \"other\""));
        assertEquals("failed", noBrand.status().wireName());
        assertTrue(
                noBrand.error().message().contains("brand profile 'other' does not exist")
                        || String.valueOf(noBrand.error().details()).contains("brand profile 'other' does not exist"),
                String.valueOf(noBrand.error()));
    }

    @Test
    void postsForAPlanThatDoesNotExistShouldBeRefusedBeforeAnythingIsDrafted() throws Exception {
        Run refused = call("marketing.generate_channel_posts", """
                {"brand_profile_id": "default", "plan_id": "plan_nope", "channels": ["x"], "variations_per_channel": 1,
                 "brief": {"goal": "signups", "product": "Acme", "audience": "founders", "key_points": ["See drop-offs"]}}""");
        assertEquals("failed", refused.status().wireName());
        assertTrue(String.valueOf(refused.error().details()).contains("/plan_id"), String.valueOf(refused.error()));
        assertEquals(
                0, call("marketing.list_drafts", "{}").output().path("drafts").size());
    }
}
