package com.productos.marketing.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorFailure;
import com.productos.marketing.Brands;
import com.productos.marketing.InMemoryBrandProfiles;
import com.productos.marketing.ModuleHarness;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.PostChecker;
import com.productos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class GeminiPostGeneratorTest {
    static final String INPUT = """
            {"brand_profile_id": "acme",
             "brief": {"goal": "trial signups", "product": "Acme Analytics", "audience": "SaaS founders",
                       "key_points": ["See where users drop off", "Guaranteed results in a week"],
                       "call_to_action": "Start your trial", "landing_page_url": "https://acme.example/trial"},
             "channels": ["x", "linkedin"], "variations_per_channel": 1}
            """;
    static final String GOOD_REPLY = """
            {"channels": [
              {"channel": "x", "posts": [{"text": "See where users drop off with Acme Analytics. Start your trial: https://acme.example/trial #Acme\\nTerms apply.", "hashtags": ["#Acme"]}]},
              {"channel": "linkedin", "posts": [{"text": "Founders: see exactly where users drop off. Start your trial: https://acme.example/trial\\n\\nTerms apply."}]}]}
            """;

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
                    max_attempts: 3
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
    void aGoodReplyShouldBecomeTheOutputAndTheRequestShouldAskForSchemaJson() throws Exception {
        vertex.reply(GOOD_REPLY);
        JsonNode output = harness.call(ModuleHarness.pathOf("marketing.generate_channel_posts"), INPUT);
        assertEquals(List.of(), ModuleHarness.outputErrors("marketing.generate_channel_posts", output));
        assertTrue(output.path("channels")
                .get(0)
                .path("posts")
                .get(0)
                .path("text")
                .asString()
                .startsWith("See where users drop off"));
        assertEquals(
                "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent",
                vertex.paths.get(0));
        JsonNode request = vertex.requests.get(0);
        assertEquals(
                "application/json",
                request.path("generationConfig").path("responseMimeType").asString());
        assertEquals(
                "object",
                request.path("generationConfig")
                        .path("responseJsonSchema")
                        .path("type")
                        .asString());
        String system = request.path("systemInstruction")
                .path("parts")
                .get(0)
                .path("text")
                .asString();
        assertTrue(system.contains("guaranteed results"), "the forbidden claims are given to the model");
        String prompt = request.path("contents")
                .get(0)
                .path("parts")
                .get(0)
                .path("text")
                .asString();
        assertFalse(prompt.contains("Guaranteed results in a week"), "a forbidden key point is never sent:\n" + prompt);
        assertTrue(prompt.contains("x: at most 280 X weighted characters"), prompt);
    }

    @Test
    void aReplyThatBreaksTheSchemaShouldBeRetriedWithTheProblems() throws Exception {
        vertex.reply("{\"channels\": [{\"channel\": \"x\", \"posts\": [{\"body\": \"wrong field\"}]}]}");
        vertex.reply(GOOD_REPLY);
        JsonNode output = harness.call(ModuleHarness.pathOf("marketing.generate_channel_posts"), INPUT);
        assertEquals(2, vertex.requests.size());
        JsonNode retry = vertex.requests.get(1).path("contents");
        assertEquals(3, retry.size(), "user prompt, the model's bad reply, and the repair request");
        assertEquals("model", retry.get(1).path("role").asString());
        assertTrue(retry.get(2).path("parts").get(0).path("text").asString().contains("schema"), retry.toString());
        assertEquals(2, output.path("channels").size());
    }

    @Test
    void aReplyWithAForbiddenClaimShouldLoseItWithAWarning() throws Exception {
        vertex.reply("""
                {"channels": [
                  {"channel": "x", "posts": [{"text": "Acme Analytics is the number one analytics tool. See where users drop off. Start your trial: https://acme.example/trial"}]},
                  {"channel": "linkedin", "posts": [{"text": "We guarantee results for every founder. See where users drop off."}]}]}
                """);
        JsonNode output = harness.call(ModuleHarness.pathOf("marketing.generate_channel_posts"), INPUT);
        String x =
                output.path("channels").get(0).path("posts").get(0).path("text").asString();
        String linkedin =
                output.path("channels").get(1).path("posts").get(0).path("text").asString();
        assertFalse(x.toLowerCase().contains("number one"), x);
        assertFalse(linkedin.toLowerCase().contains("guarantee"), linkedin);
        assertTrue(x.endsWith("Terms apply.") && linkedin.endsWith("Terms apply."), "disclaimers added");
        for (int i = 0; i < 2; i++) {
            Channel channel = i == 0 ? Channel.X : Channel.LINKEDIN;
            SocialPost post = SocialPost.fromJson(
                    output.path("channels").get(i).path("posts").get(0));
            assertTrue(new PostChecker()
                    .check(channel, post, Brands.acmePolicy(), CopyConstraints.DEFAULTS)
                    .passes());
        }
        assertTrue(
                harness.lastLog.lines().stream()
                        .anyMatch(line -> line.text().contains("removed \"Acme Analytics is the number one")
                                && line.text().contains("forbidden claim 'number one analytics tool'")),
                harness.lastLog.lines().toString());
    }

    @Test
    void anOverLongReplyShouldBeShortenedToTheNetworksCount() throws Exception {
        String longSentence = "See where users drop off in every step of your signup funnel and fix it fast. ";
        vertex.reply("{\"channels\": [{\"channel\": \"x\", \"posts\": [{\"text\": \"" + longSentence.repeat(6)
                + "\"}]}," + " {\"channel\": \"linkedin\", \"posts\": [{\"text\": \"Short one.\"}]}]}");
        JsonNode output = harness.call(ModuleHarness.pathOf("marketing.generate_channel_posts"), INPUT);
        String x =
                output.path("channels").get(0).path("posts").get(0).path("text").asString();
        assertTrue(Channel.X.length(x) <= 280, x);
        assertTrue(x.endsWith("Terms apply."), x);
    }

    @Test
    void repliesThatNeverFitTheContractShouldFailClearlyAfterTheBoundedAttempts() {
        vertex.reply("not json at all");
        vertex.reply("{\"channels\": []}");
        vertex.reply("```json\n{\"channels\": [{\"channel\": \"x\", \"posts\": [{\"text\": \"only x\"}]}]}\n```");
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> harness.call(ModuleHarness.pathOf("marketing.generate_channel_posts"), INPUT));
        assertEquals(503, failure.httpStatus());
        assertTrue(
                failure.getMessage().contains("3 times")
                        && failure.getMessage().contains("no posts for channel 'linkedin'"),
                failure.getMessage());
        assertEquals(3, vertex.requests.size());
        assertEquals(0, harness.module.drafts().list(null, 5).size(), "no draft for a failed generation");
    }

    @Test
    void aVertexErrorShouldBeReportedWithItsStatus() {
        vertex.failStatus = 403;
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> harness.call(ModuleHarness.pathOf("marketing.generate_channel_posts"), INPUT));
        assertEquals(503, failure.httpStatus());
        assertTrue(failure.getMessage().contains("403"), failure.getMessage());
    }
}
