package com.productos.marketing.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorFailure;
import com.productos.marketing.Brands;
import com.productos.marketing.InMemoryBrandProfiles;
import com.productos.marketing.ModuleHarness;
import com.productos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** marketing.generate_campaign_plan with marketing.generator gemini, through google-genai against a loopback Vertex AI. */
class GeminiPlanCopyTest {
    static final String INPUT = """
            {"brand_profile_id": "acme", "product": "Acme Analytics", "landing_page_url": "https://acme.example/trial",
             "start_at": "2026-12-01T09:00:00Z", "duration_days": 7, "channels": ["x"],
             "product_update": {"title": "Funnels in the editor", "key_points": ["See drop-offs where you code", "Guaranteed results"]},
             "metric": {"event_name": "signed_up"}}""";

    @TempDir
    Path root;

    FakeVertexGenerateContent vertex;
    ModuleHarness harness;

    @BeforeEach
    void start() throws Exception {
        vertex = new FakeVertexGenerateContent();
        String config = """
                marketing:
                  generator: gemini
                  gemini:
                    project: p
                    location: us-central1
                    model: gemini-2.5-flash
                    base_url: %s
                    auth: none
                    max_attempts: 2
                """.formatted(vertex.baseUrl());
        harness = new ModuleHarness(
                root,
                new MutableClock(Instant.parse("2026-11-25T12:00:00Z")),
                new InMemoryBrandProfiles().with("acme", Brands.acme()),
                config);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        vertex.close();
    }

    @Test
    void theModelsWordsShouldFillThePlanWhileLinksAndNumbersStayByRule() throws Exception {
        vertex.reply("""
                {"name": "Funnels where you code", "key_messages": ["See drop-offs without leaving the editor",
                 "The number one analytics tool"], "call_to_action": "Start a trial"}""");
        JsonNode plan = harness.call(ModuleHarness.pathOf("marketing.generate_campaign_plan"), INPUT);
        assertEquals(List.of(), ModuleHarness.outputErrors("marketing.generate_campaign_plan", plan));
        assertEquals("gemini", plan.path("generator").asString());
        assertEquals("Funnels where you code", plan.path("name").asString());
        assertEquals(1, plan.path("key_messages").size(), plan.toPrettyString());
        assertTrue(
                plan.path("warnings").toString().contains("number one analytics tool"),
                plan.path("warnings").toString());
        assertTrue(plan.path("briefs")
                .get(0)
                .path("brief")
                .path("landing_page_url")
                .asString()
                .contains(
                        "utm_campaign=" + plan.path("utm").path("utm_campaign").asString()));
        String prompt = vertex.requests
                .get(0)
                .path("contents")
                .get(0)
                .path("parts")
                .get(0)
                .path("text")
                .asString();
        assertTrue(prompt.contains("See drop-offs where you code"), prompt);
        assertFalse(
                prompt.toLowerCase().contains("guaranteed results"),
                "the forbidden point never reaches the model: " + prompt);
    }

    @Test
    void anUnusableReplyShouldBeRetriedAndTwoShouldFailClearly() throws Exception {
        vertex.reply("not json");
        vertex.reply("{\"name\": \"Ok\", \"key_messages\": [\"Guaranteed results\"], \"call_to_action\": \"Go\"}");
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> harness.call(ModuleHarness.pathOf("marketing.generate_campaign_plan"), INPUT));
        assertEquals(503, failure.httpStatus());
        assertTrue(
                failure.getMessage().contains("2 times") && failure.getMessage().contains("no key message"),
                failure.getMessage());
        String repair = vertex.requests
                .get(1)
                .path("contents")
                .get(2)
                .path("parts")
                .get(0)
                .path("text")
                .asString();
        assertTrue(repair.contains("not JSON"), repair);
    }

    @Test
    void aVertexErrorShouldBeReportedWithItsStatus() {
        vertex.failStatus = 403;
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> harness.call(ModuleHarness.pathOf("marketing.generate_campaign_plan"), INPUT));
        assertEquals(503, failure.httpStatus());
        assertTrue(failure.getMessage().contains("403"), failure.getMessage());
    }
}
