package com.productos.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class MarketingModuleTest {
    static final String GENERATE = ModuleHarness.pathOf("marketing.generate_channel_posts");
    static final String PUBLISH = ModuleHarness.pathOf("marketing.publish_missinglettr");
    static final String STATUS = ModuleHarness.pathOf("marketing.get_campaign_status");
    static final String OUTBOX_CONFIG = "marketing:\n  outbox:\n    poll_interval_millis: 20\n";

    @TempDir
    Path root;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    InMemoryBrandProfiles brands =
            new InMemoryBrandProfiles().with("acme", Brands.acme()).with("plain", Brands.plain());
    ModuleHarness harness;

    @BeforeEach
    void start() {
        harness = new ModuleHarness(root, clock, brands, OUTBOX_CONFIG);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    static String generateInput(String profile, String channels) {
        return """
                {"brand_profile_id": "%s",
                 "brief": {"goal": "trial signups", "product": "Acme Analytics", "audience": "SaaS founders",
                           "key_points": ["See where users drop off", "Guaranteed results in a week", "Set up in five minutes"],
                           "offer": "14-day free trial", "call_to_action": "Start your trial",
                           "landing_page_url": "https://acme.example/trial"},
                 "channels": %s, "variations_per_channel": 2}
                """.formatted(profile, channels);
    }

    static JsonNode publishInput(String text, String mode, String startTime, String timezone) {
        ObjectNode input = (ObjectNode) Json.parse("""
                {"campaign": {"name": "Launch", "posts": [{"channel": "x", "text": %s}, {"channel": "linkedin", "text": "LinkedIn copy. Terms apply."}]},
                 "schedule": {"mode": "%s"}}
                """.formatted(Json.write(text), mode));
        if (startTime != null) ((ObjectNode) input.get("schedule")).put("start_time", startTime);
        if (timezone != null) ((ObjectNode) input.get("schedule")).put("timezone", timezone);
        return input;
    }

    @Nested
    class Generation {
        @Test
        void generatedPostsShouldMatchTheOutputSchemaAndBeSavedAsADraft() throws Exception {
            JsonNode output = harness.call(GENERATE, generateInput("acme", "[\"x\", \"linkedin\", \"youtube\"]"));
            assertEquals(java.util.List.of(), ModuleHarness.outputErrors("marketing.generate_channel_posts", output));
            assertEquals(3, output.path("channels").size());
            assertEquals("x", output.path("channels").get(0).path("channel").asString());
            String draftLine = harness.lastLog.lines().stream()
                    .map(line -> line.text())
                    .filter(text -> text.startsWith("saved campaign draft "))
                    .findFirst()
                    .orElseThrow();
            String draftId = draftLine.split(" ")[3];
            var draft = harness.module.drafts().get(draftId);
            assertEquals(output.path("channels"), draft.channels());
            assertEquals("acme", draft.brandProfileId());
            assertTrue(
                    draft.warnings().stream().anyMatch(w -> w.contains("guaranteed results")),
                    draft.warnings().toString());
            assertTrue(harness.lastLog.lines().stream()
                    .anyMatch(line -> line.severity().equals("WARNING")
                            && line.text().contains("forbidden claim 'guaranteed results'")));
            assertEquals(
                    "productos://marketing/drafts/" + draftId,
                    harness.lastLog.artifacts().get(0).uri());
        }

        @Test
        void claimHeavyCopyShouldBeFlaggedOnTheDraftAndInTheLog() throws Exception {
            String input = generateInput("plain", "[\"linkedin\"]")
                    .replace("Set up in five minutes", "The best tool, 3x faster than spreadsheets");
            harness.call(GENERATE, input);
            var draft = harness.module.drafts().list(null, 1).get(0);
            assertTrue(draft.claimHeavy());
            assertTrue(draft.review().get(0).path("claim_flags").size() > 0);
            assertTrue(harness.lastLog.lines().stream()
                    .anyMatch(line -> line.text().startsWith("claim-heavy copy")));
        }

        @Test
        void anUnknownBrandProfileShouldBeAClearBadRequest() {
            ExecutorFailure failure =
                    assertThrows(ExecutorFailure.class, () -> harness.call(GENERATE, generateInput("nope", "[\"x\"]")));
            assertEquals(400, failure.httpStatus());
            assertEquals(
                    "/brand_profile_id",
                    failure.details().get(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("brand profile 'nope' does not exist"), failure.getMessage());
        }

        @Test
        void anUnknownChannelShouldBeAClearBadRequest() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class, () -> harness.call(GENERATE, generateInput("acme", "[\"x\", \"myspace\"]")));
            assertEquals(400, failure.httpStatus());
            assertEquals("/channels/1", failure.details().get(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("unknown channel 'myspace'"));
            assertEquals(0, harness.module.drafts().list(null, 10).size(), "nothing saved for a bad input");
        }
    }

    @Nested
    class Drafts {
        String draftId;

        @BeforeEach
        void generate() throws Exception {
            harness.call(GENERATE, generateInput("acme", "[\"x\", \"linkedin\"]"));
            draftId = harness.module.drafts().list(null, 1).get(0).draftId();
        }

        @Test
        void anEditWithinTheRulesShouldBeSavedAsANewRevision() throws Exception {
            JsonNode edited = harness.call(ModuleHarness.pathOf("marketing.edit_draft"), """
                    {"draft_id": "%s", "channel": "x", "index": 1, "text": "See every drop-off. Terms apply.", "expected_revision": 1}
                    """.formatted(draftId));
            assertEquals(2, edited.path("revision").asInt());
            assertEquals(280, edited.path("limits").path("x").path("text_limit").asInt());
            assertEquals(
                    "x_weighted",
                    edited.path("limits").path("x").path("counting").asString());
            assertEquals(
                    "See every drop-off. Terms apply.",
                    edited.path("channels")
                            .get(0)
                            .path("posts")
                            .get(1)
                            .path("text")
                            .asString());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "We guarantee results. Terms apply.|/text|forbidden claim 'guaranteed results'",
                    "See every drop-off.|/text|required disclaimer",
                    "Wow! Terms apply.|/text|exclamation"
                })
        void anEditThatBreaksTheClaimsPolicyShouldBeRefusedAndTheDraftKept(String text, String pointer, String message)
                throws Exception {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> harness.call(
                            ModuleHarness.pathOf("marketing.edit_draft"),
                            Json.parse("{\"draft_id\": \"" + draftId
                                    + "\", \"channel\": \"x\", \"index\": 0, \"text\": " + Json.write(text) + "}"),
                            null));
            assertEquals(400, failure.httpStatus());
            assertEquals(pointer, failure.details().get(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains(message), failure.getMessage());
            assertEquals(1, harness.module.drafts().get(draftId).revision());
        }

        @Test
        void anEditOverTheChannelLimitShouldSayByHowMuch() {
            String text = "a".repeat(270) + " Terms apply.";
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class, () -> harness.module.drafts().editPost(draftId, "x", 0, text, null, null));
            assertTrue(failure.getMessage().contains("X allows 280; shorten it by 3"), failure.getMessage());
        }

        @Test
        void aStaleRevisionShouldBeAConflict() throws Exception {
            harness.module.drafts().editPost(draftId, "x", 0, "First edit. Terms apply.", null, 1);
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> harness.module.drafts().editPost(draftId, "x", 0, "Second edit. Terms apply.", null, 1));
            assertEquals(409, failure.httpStatus());
        }

        @Test
        void publishingTheDraftsPostsShouldLinkAndCloseTheDraft() throws Exception {
            var draft = harness.module.drafts().get(draftId);
            String xText =
                    draft.channels().get(0).path("posts").get(0).path("text").asString();
            ObjectNode input = (ObjectNode)
                    Json.parse("{\"campaign\": {\"name\": \"Launch\", \"posts\": [{\"channel\": \"x\", \"text\": "
                            + Json.write(xText) + "}]}, \"schedule\": {\"mode\": \"now\"}}");
            JsonNode output = harness.call(PUBLISH, input, "key-draft");
            assertEquals(
                    draftId, output.path("provider_response").path("draft_id").asString());
            var published = harness.module.drafts().get(draftId);
            assertEquals("published", published.status());
            assertEquals(output.path("campaign_id").asString(), published.campaignId());
            assertEquals(
                    409,
                    assertThrows(
                                    ExecutorFailure.class,
                                    () -> harness.module
                                            .drafts()
                                            .editPost(draftId, "x", 0, "Late edit. Terms apply.", null, null))
                            .httpStatus());
        }

        @Test
        void aDraftShouldLinkToTheInsightItAnswers() throws Exception {
            harness.call(
                    MarketingModule.DRAFT_LINK_PATH, "{\"draft_id\": \"" + draftId + "\", \"insight_id\": \"ins_42\"}");
            assertEquals(
                    draftId, harness.module.drafts().list("ins_42", 5).get(0).draftId());
            assertEquals(
                    404,
                    assertThrows(
                                    ExecutorFailure.class,
                                    () -> harness.call(
                                            ModuleHarness.pathOf("marketing.get_draft"),
                                            "{\"draft_id\": \"draft_missing\"}"))
                            .httpStatus());
        }
    }

    @Nested
    class Publishing {
        @Test
        void nowShouldPublishAtOnce() throws Exception {
            JsonNode output = harness.call(PUBLISH, publishInput("Hello X. Terms apply.", "now", null, null), "key-1");
            assertEquals(java.util.List.of(), ModuleHarness.outputErrors("marketing.publish_missinglettr", output));
            assertEquals("published", output.path("status").asString());
            JsonNode status = harness.call(
                    STATUS,
                    Json.parse(
                            "{\"campaign_id\": \"" + output.path("campaign_id").asString() + "\"}"),
                    null);
            assertEquals(java.util.List.of(), ModuleHarness.outputErrors("marketing.get_campaign_status", status));
            assertEquals("published", status.path("posts").get(1).path("status").asString());
            assertEquals(
                    "2026-11-25T12:00:00Z",
                    status.path("posts").get(0).path("published_at").asString());
            assertEquals("run-test", status.path("publish_run_id").asString());
        }

        @Test
        void scheduledShouldWaitForItsStartTimeInItsTimezoneThenPublish() throws Exception {
            // 14:30 in Paris on 25 Nov is 13:30 UTC: an hour and a half after the clock's noon.
            JsonNode output = harness.call(
                    PUBLISH,
                    publishInput("Soon on X. Terms apply.", "scheduled", "2026-11-25T14:30", "Europe/Paris"),
                    "key-2");
            assertEquals("scheduled", output.path("status").asString());
            String campaignId = output.path("campaign_id").asString();
            JsonNode status = harness.call(STATUS, Json.parse("{\"campaign_id\": \"" + campaignId + "\"}"), null);
            assertEquals(
                    "2026-11-25T13:30:00Z",
                    status.path("posts").get(0).path("scheduled_for").asString());
            clock.advance(Duration.ofMinutes(89));
            assertEquals(0, publishDueNow());
            assertEquals("scheduled", statusOf(campaignId));
            clock.advance(Duration.ofMinutes(1));
            awaitStatus(campaignId, "published");
        }

        @Test
        void scheduledPostsShouldSurviveARestart() throws Exception {
            JsonNode output = harness.call(
                    PUBLISH,
                    publishInput("Later on X. Terms apply.", "scheduled", "2026-11-25T12:10:00Z", null),
                    "key-3");
            String campaignId = output.path("campaign_id").asString();
            harness.close();
            clock.advance(Duration.ofMinutes(30));
            harness = new ModuleHarness(root, clock, brands, OUTBOX_CONFIG);
            awaitStatus(campaignId, "published");
            JsonNode status = harness.call(STATUS, Json.parse("{\"campaign_id\": \"" + campaignId + "\"}"), null);
            assertEquals(
                    "2026-11-25T12:10:00Z",
                    status.path("posts").get(0).path("published_at").asString());
        }

        @Test
        void theSameIdempotencyKeyShouldNeverPublishTwice() throws Exception {
            JsonNode input = publishInput("Once only. Terms apply.", "now", null, null);
            JsonNode first = harness.call(PUBLISH, input, "key-4");
            JsonNode second = harness.call(PUBLISH, input, "key-4");
            assertEquals(first, second);
            assertTrue(harness.lastLog.lines().get(0).text().contains("nothing was sent again"));
            harness.close();
            harness = new ModuleHarness(root, clock, brands, OUTBOX_CONFIG);
            assertEquals(
                    first.path("campaign_id"),
                    harness.call(PUBLISH, input, "key-4").path("campaign_id"));
            JsonNode other = harness.call(PUBLISH, input, "key-5");
            assertNotEquals(first.path("campaign_id"), other.path("campaign_id"));
        }

        @Test
        void theInputsIdempotencyKeyShouldWinOverTheHeader() throws Exception {
            ObjectNode input = (ObjectNode) publishInput("Keyed. Terms apply.", "now", null, null);
            input.put("idempotency_key", "input-key");
            JsonNode first = harness.call(PUBLISH, input, "header-a");
            JsonNode second = harness.call(PUBLISH, input, "header-b");
            assertEquals(first.path("campaign_id"), second.path("campaign_id"));
        }

        @Test
        void aKeyReusedForADifferentRequestShouldBeAConflict() throws Exception {
            harness.call(PUBLISH, publishInput("First. Terms apply.", "now", null, null), "key-6");
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> harness.call(PUBLISH, publishInput("Different. Terms apply.", "now", null, null), "key-6"));
            assertEquals(409, failure.httpStatus());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "scheduled without start_time|scheduled||UTC|/schedule/start_time|needs start_time",
                    "start time in the past|scheduled|2026-11-25T11:59:00Z|UTC|/schedule/start_time|in the past",
                    "local start time in the past for its zone|scheduled|2026-11-25T12:30|Europe/Paris|/schedule/start_time|in the past",
                    "invalid timezone|scheduled|2026-12-01T09:00|Mars/Olympus|/schedule/timezone|not a time zone",
                    "not a timestamp|scheduled|next tuesday|UTC|/schedule/start_time|not an ISO timestamp",
                    "start_time with now|now|2026-12-01T09:00:00Z|UTC|/schedule/start_time|only used with mode 'scheduled'"
                })
        void aBadScheduleShouldBeAClearErrorAndPublishNothing(
                String name, String mode, String start, String zone, String pointer, String message) throws Exception {
            JsonNode input = publishInput("Fine text. Terms apply.", mode, start, zone);
            assertEquals(
                    java.util.List.of(),
                    ModuleHarness.inputErrors("marketing.publish_missinglettr", input),
                    "schema-valid input");
            ExecutorFailure failure =
                    assertThrows(ExecutorFailure.class, () -> harness.call(PUBLISH, input, "bad-" + name));
            assertEquals(400, failure.httpStatus());
            assertEquals(pointer, failure.details().get(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains(message), failure.getMessage());
            assertFalse(failure.getMessage().isBlank());
            // Nothing was recorded: the same key with a corrected input publishes normally.
            JsonNode fixed =
                    harness.call(PUBLISH, publishInput("Fine text. Terms apply.", "now", null, null), "bad-" + name);
            assertEquals("published", fixed.path("status").asString());
        }

        @Test
        void aPostOverItsChannelLimitShouldBeRefusedWithItsPointer() {
            String tooLong = "a".repeat(250) + " more words here to pass the limit";
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> harness.call(PUBLISH, publishInput(tooLong, "now", null, null), "key-long"));
            assertEquals(
                    "/campaign/posts/0/text",
                    failure.details().get(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("X allows 280"), failure.getMessage());
        }

        @Test
        void anUnknownCampaignShouldBeNotFound() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> harness.call(STATUS, Json.parse("{\"campaign_id\": \"cmp_nope\"}"), null));
            assertEquals(404, failure.httpStatus());
        }

        private int publishDueNow() {
            try (var database =
                    com.productos.common.SqliteDatabase.open(harness.workspace.executorStore("marketing"))) {
                return new com.productos.marketing.publishing.PublicationStore(database)
                        .publishDue("local_outbox", clock.instant());
            }
        }

        private String statusOf(String campaignId) throws ExecutorFailure {
            return harness.call(STATUS, Json.parse("{\"campaign_id\": \"" + campaignId + "\"}"), null)
                    .path("status")
                    .asString();
        }

        private void awaitStatus(String campaignId, String expected) throws ExecutorFailure {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!expected.equals(statusOf(campaignId))) {
                if (System.nanoTime() > deadline)
                    throw new AssertionError("campaign " + campaignId + " never became " + expected);
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }
    }

    @Nested
    class Review {
        @Test
        void claimHeavyPublishCopyShouldBeFlaggedForTheApprovalStep() throws Exception {
            JsonNode review = harness.call(MarketingModule.REVIEW_COPY_PATH, """
                    {"brand_profile_id": "acme",
                     "campaign": {"name": "c", "posts": [{"channel": "x", "text": "The best analytics, 3x faster than spreadsheets. Terms apply."},
                                                         {"channel": "linkedin", "text": "See where users drop off."}]},
                     "schedule": {"mode": "now"}}
                    """);
            assertTrue(review.path("claim_heavy").asBoolean());
            assertTrue(review.path("posts").get(0).path("claim_heavy").asBoolean());
            assertFalse(review.path("posts").get(1).path("claim_heavy").asBoolean());
            assertEquals(
                    "missing_disclaimer",
                    review.path("posts")
                            .get(1)
                            .path("violations")
                            .get(0)
                            .path("code")
                            .asString());
        }

        @Test
        void publishingClaimHeavyCopyShouldSayWhyOnTheRun() throws Exception {
            harness.call(
                    PUBLISH,
                    publishInput("Guaranteed to double your income. Terms apply.", "now", null, null),
                    "key-claims");
            assertTrue(
                    harness.lastLog.lines().stream()
                            .anyMatch(line -> line.text().startsWith("claim-heavy copy in the x post")
                                    && line.text().contains("guarantee")),
                    harness.lastLog.lines().toString());
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badSettings() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  generator: gpt\n", "marketing.generator 'gpt' is unknown"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  publisher: buffer\n", "marketing.publisher 'buffer' is unknown"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  publisher: missinglettr\n  missinglettr:\n    api_key_file: k\n",
                        "workspace_id is not set"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  publisher: missinglettr\n  missinglettr:\n    workspace_id: w\n",
                        "needs api_key_file"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  publisher: missinglettr\n  missinglettr:\n    workspace_id: w\n"
                                + "    api_key_file: k\n    auth_scheme: basic\n",
                        "auth_scheme 'basic' is unknown"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  generator: gemini\n  gemini:\n    location: x\n", "gemini.project is not set"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "marketing:\n  generator: gemini\n  gemini:\n    project: p\n    auth: none\n"
                                + "    base_url: https://example.com\n",
                        "only for a local fake"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badSettings")
    void badSettingsShouldNameTheSettingAndTheFix(String yaml, String message) {
        Path other = root.resolve("other");
        other.toFile().mkdirs();
        var failure = assertThrows(
                com.productos.config.ConfigException.class,
                () -> new ModuleHarness(other, clock, brands, yaml).close());
        assertTrue(failure.getMessage().contains(message), failure.getMessage());
    }
}
