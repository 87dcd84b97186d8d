package com.productos.marketing.missinglettr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.marketing.Brands;
import com.productos.marketing.InMemoryBrandProfiles;
import com.productos.marketing.ModuleHarness;
import com.productos.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class MissinglettrPublishingTest {
    static final String API_KEY = "ml_live_s3cr3t_value_123";
    static final String PUBLISH = ModuleHarness.pathOf("marketing.publish_missinglettr");

    @TempDir
    Path root;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    InMemoryBrandProfiles brands = new InMemoryBrandProfiles().with("acme", Brands.acme());
    FakeMissinglettr fake;
    ModuleHarness harness;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeMissinglettr("Api-Key " + API_KEY);
        Files.writeString(root.resolve("missinglettr.key"), API_KEY + "\n");
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: missinglettr.key"));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        fake.close();
    }

    String config(String scheme, String keyLine) {
        return """
                marketing:
                  publisher: missinglettr
                  missinglettr:
                    base_url: %s
                    workspace_id: ws_1
                    auth_scheme: %s
                    %s
                    max_attempts: 3
                    initial_backoff_millis: 1
                    max_backoff_millis: 5
                    timeout_seconds: 5
                """.formatted(fake.baseUrl(), scheme, keyLine);
    }

    static JsonNode input(String name, String mode, String start) {
        return Json.parse("""
                {"campaign": {"name": "%s", "posts": [{"channel": "x", "text": "Launch day. Terms apply.", "link_url": "https://acme.example"},
                                                     {"channel": "linkedin", "text": "We launched. Terms apply."}]},
                 "schedule": {"mode": "%s"%s}}
                """.formatted(
                name,
                mode,
                start == null ? "" : ", \"start_time\": \"" + start + "\", \"timezone\": \"America/New_York\""));
    }

    @Test
    void nowShouldCreateOneCampaignThatIsPublished() throws Exception {
        JsonNode output = harness.call(PUBLISH, input("Launch", "now", null), "key-1");
        assertEquals(List.of(), ModuleHarness.outputErrors("marketing.publish_missinglettr", output));
        assertEquals("published", output.path("status").asString());
        assertEquals(
                "mlc_1",
                output.path("provider_response").path("provider_campaign_id").asString());
        assertEquals(1, fake.creates.get());
        assertEquals("key-1", fake.idempotencyKeys.get(0));
        JsonNode status = harness.call(
                ModuleHarness.pathOf("marketing.get_campaign_status"),
                Json.parse("{\"campaign_id\": \"" + output.path("campaign_id").asString() + "\"}"),
                null);
        assertEquals(List.of(), ModuleHarness.outputErrors("marketing.get_campaign_status", status));
        assertEquals(
                "mlc_1_p2", status.path("posts").get(1).path("provider_post_id").asString());
    }

    @Test
    void scheduledShouldSendTheStartTimeInItsZone() throws Exception {
        JsonNode output = harness.call(PUBLISH, input("Later", "scheduled", "2026-11-26T09:00"), "key-2");
        assertEquals("scheduled", output.path("status").asString());
        assertEquals(
                "2026-11-26T14:00:00Z",
                fake.campaigns.get("mlc_1").path("start_date").asString());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void rateLimitsAndServerErrorsShouldBeRetriedWithinBounds(int status) throws Exception {
        fake.failNext(2, status);
        JsonNode output = harness.call(PUBLISH, input("Retry", "now", null), "key-" + status);
        assertEquals("published", output.path("status").asString());
        assertEquals(1, fake.creates.get());
    }

    @Test
    void aProviderThatStaysDownShouldBeUnavailableWithNothingPublishedAndARetryLater() throws Exception {
        fake.failNext(100, 503);
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class, () -> harness.call(PUBLISH, input("Down", "now", null), "key-down"));
        assertEquals(503, failure.httpStatus());
        assertTrue(failure.getMessage().contains("did not answer after 3 attempts"), failure.getMessage());
        assertTrue(failure.getMessage().contains("nothing was published"), failure.getMessage());
        assertEquals(0, fake.creates.get());
        // One create; the check that must precede any second create could not get an answer either, so it gave up.
        assertEquals(1, fake.createAttempts.get(), "never a second create without knowing the first did not land");
        synchronized (fake) {
            fake.failures.clear();
        }
        JsonNode output = harness.call(PUBLISH, input("Down", "now", null), "key-down");
        assertEquals("published", output.path("status").asString());
        assertEquals(1, fake.creates.get());
    }

    @Test
    void aProviderRefusalShouldBeAFailedCampaignWithTheProvidersMessage() throws Exception {
        JsonNode output = harness.call(PUBLISH, input("REFUSE me", "now", null), "key-refused");
        assertEquals("failed", output.path("status").asString());
        assertTrue(
                output.path("provider_response")
                        .path("error")
                        .asString()
                        .contains("Platform 'tiktok' is not connected"),
                output.toString());
        assertEquals(List.of(), ModuleHarness.outputErrors("marketing.publish_missinglettr", output));
    }

    @Test
    void aCreateThatSucceededButAnsweredFiveHundredShouldNotBeSentTwice() throws Exception {
        fake.storeThenFailNextCreate = true;
        JsonNode output = harness.call(PUBLISH, input("Flaky", "now", null), "key-flaky");
        assertEquals("published", output.path("status").asString());
        assertEquals(1, fake.creates.get(), "the retry found the campaign instead of creating it again");
    }

    @Test
    void aCrashBetweenTheProvidersAnswerAndOurRecordShouldNeverPublishTwice() throws Exception {
        harness.close();
        AtomicBoolean crash = new AtomicBoolean(true);
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: missinglettr.key"), () -> {
            if (crash.getAndSet(false)) throw new IllegalStateException("process died here");
        });
        assertThrows(
                IllegalStateException.class, () -> harness.call(PUBLISH, input("Crash", "now", null), "key-crash"));
        assertEquals(1, fake.creates.get());
        harness.close();
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: missinglettr.key"));
        JsonNode output = harness.call(PUBLISH, input("Crash", "now", null), "key-crash");
        assertEquals("published", output.path("status").asString());
        assertEquals(
                "mlc_1",
                output.path("provider_response").path("provider_campaign_id").asString());
        assertEquals(1, fake.creates.get(), "reconciled with the provider, not sent again");
    }

    @Test
    void theApiKeyShouldNeverReachOutputsLogsOrTheStore() throws Exception {
        JsonNode output = harness.call(PUBLISH, input("Secret", "now", null), "key-secret");
        assertFalse(Json.write(output).contains(API_KEY));
        harness.lastLog.lines().forEach(line -> assertFalse(line.text().contains(API_KEY)));
        harness.close();
        for (Path file : Files.list(harness.workspace.dataDir())
                .filter(Files::isRegularFile)
                .toList()) {
            assertFalse(
                    new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(API_KEY),
                    file.toString());
        }
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: missinglettr.key"));
    }

    @Test
    void aKeyEchoedInARefusalOrAFiveHundredShouldReachNeitherOutputLogsNorTheStore() throws Exception {
        fake.echoCredentials = true;
        JsonNode refused = harness.call(PUBLISH, input("REFUSE echo", "now", null), "key-echo-400");
        assertEquals("failed", refused.path("status").asString(), refused.toString());
        assertTrue(Json.write(refused).contains("not connected for Api-Key [redacted]"), refused.toString());
        fake.failNext(10, 503);
        ExecutorFailure outage = assertThrows(
                ExecutorFailure.class, () -> harness.call(PUBLISH, input("Outage echo", "now", null), "key-echo-503"));
        assertTrue(outage.getMessage().contains("temporarily unavailable for Api-Key [redacted]"), outage.getMessage());
        assertFalse(Json.write(refused).contains(API_KEY));
        harness.lastLog.lines().forEach(line -> assertFalse(line.text().contains(API_KEY), line.text()));
        harness.close();
        for (Path file : Files.list(harness.workspace.dataDir())
                .filter(Files::isRegularFile)
                .toList()) {
            assertFalse(
                    new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(API_KEY),
                    file.toString());
        }
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: missinglettr.key"));
    }

    @Test
    void aWrongKeyShouldFailWithTheProvidersMessageAndNotLeakTheKey() throws Exception {
        harness.close();
        Files.writeString(root.resolve("wrong.key"), "ml_live_wrong");
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: wrong.key"));
        JsonNode output = harness.call(PUBLISH, input("Wrong key", "now", null), "key-wrong");
        assertEquals("failed", output.path("status").asString());
        assertTrue(output.path("provider_response").path("error").asString().contains("HTTP 401"));
        assertFalse(Json.write(output).contains("ml_live_wrong"));
    }

    @Test
    void aMissingKeyFileShouldBeUnavailableNamingTheFileNotTheKey() throws Exception {
        harness.close();
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: nowhere.key"));
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class, () -> harness.call(PUBLISH, input("No key", "now", null), "key-nokey"));
        assertEquals(503, failure.httpStatus());
        assertTrue(failure.getMessage().contains("nowhere.key"), failure.getMessage());
    }

    @Test
    void theKeyShouldComeFromSecretManagerWithBearerAuth() throws Exception {
        harness.close();
        fake.close();
        fake = new FakeMissinglettr("Bearer " + API_KEY);
        try (FakeSecretManager secrets =
                new FakeSecretManager("projects/p/secrets/missinglettr/versions/latest", API_KEY)) {
            harness = new ModuleHarness(
                    root,
                    clock,
                    brands,
                    config(
                            "bearer",
                            "api_key_secret: projects/p/secrets/missinglettr/versions/latest\n    secret_manager_endpoint: "
                                    + secrets.endpoint()));
            JsonNode first = harness.call(PUBLISH, input("From secret", "now", null), "key-sm-1");
            harness.call(PUBLISH, input("From secret 2", "now", null), "key-sm-2");
            assertEquals("published", first.path("status").asString());
            assertEquals(1, secrets.accesses.get(), "the key is read once and kept in memory");
        }
    }

    @Test
    void concurrentCallsWithOneKeyShouldCreateOneCampaign() throws Exception {
        int callers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return harness.module
                            .publishing()
                            .publish(input("Race", "now", null), "key-race", new com.productos.executors.ExecutorLog())
                            .path("campaign_id")
                            .asString();
                }));
            }
            start.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> result : results)
                ids.add(result.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, ids.size());
            assertEquals(1, fake.creates.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProcessKilledAfterTheProvidersAnswerShouldBeReconciledOnRestartWithoutASecondCampaign() throws Exception {
        harness.close();
        Path configFile = root.resolve("config-for-child.yaml");
        Files.writeString(configFile, config("api_key", "api_key_file: missinglettr.key"));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PublishThenDie.class.getName(),
                        root.toString(),
                        configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("child.log").toFile())
                .start();
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child process should end");
        assertEquals(PublishThenDie.HALT_STATUS, child.exitValue(), Files.readString(root.resolve("child.log")));
        assertEquals(1, fake.creates.get(), "the provider created the campaign before the process died");

        // Restart: the interrupted intent is settled with the provider in the background at start-up...
        harness = new ModuleHarness(root, clock, brands, config("api_key", "api_key_file: missinglettr.key"));
        try (var database = com.productos.common.SqliteDatabase.open(harness.workspace.executorStore("marketing"))) {
            var store = new com.productos.marketing.publishing.PublicationStore(database);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (!store.unconfirmed().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the interrupted campaign was never reconciled");
                java.util.concurrent.locks.LockSupport.parkNanos(
                        java.time.Duration.ofMillis(10).toNanos());
            }
        }
        // ...so a retry with the same key gets the campaign the provider already has.
        JsonNode output = harness.call(PUBLISH, input("Killed", "now", null), "key-killed");
        assertEquals("published", output.path("status").asString());
        assertEquals(
                "mlc_1",
                output.path("provider_response").path("provider_campaign_id").asString());
        assertTrue(
                harness.lastLog.lines().get(0).text().contains("nothing was sent again"),
                harness.lastLog.lines().toString());
        assertEquals(1, fake.creates.get());
    }

    @Test
    void statusShouldFollowTheProvidersViewOfEachPost() throws Exception {
        JsonNode output = harness.call(PUBLISH, input("Track", "scheduled", "2026-11-26T09:00"), "key-track");
        String campaignId = output.path("campaign_id").asString();
        synchronized (fake) {
            var posts = (tools.jackson.databind.node.ArrayNode)
                    fake.campaigns.get("mlc_1").path("posts");
            ((tools.jackson.databind.node.ObjectNode) posts.get(0))
                    .put("status", "published")
                    .put("published_at", "2026-11-26T14:00:05Z");
            ((tools.jackson.databind.node.ObjectNode) posts.get(1))
                    .put("status", "failed")
                    .put("error", "LinkedIn token expired");
        }
        JsonNode status = harness.call(
                ModuleHarness.pathOf("marketing.get_campaign_status"),
                Json.parse("{\"campaign_id\": \"" + campaignId + "\"}"),
                null);
        assertEquals("published", status.path("posts").get(0).path("status").asString());
        assertEquals(
                "2026-11-26T14:00:05Z",
                status.path("posts").get(0).path("published_at").asString());
        assertEquals("failed", status.path("posts").get(1).path("status").asString());
        assertTrue(status.path("posts").get(1).path("error").asString().contains("LinkedIn token expired"));
        assertEquals("failed", status.path("status").asString());
        assertEquals(List.of(), ModuleHarness.outputErrors("marketing.get_campaign_status", status));
    }

    @Test
    void anInterruptedScheduleWhoseTimePassedShouldNotBeSentLate() throws Exception {
        fake.failNext(100, 503);
        JsonNode input = input("Missed", "scheduled", "2026-11-25T08:00");
        assertEquals(
                503,
                assertThrows(ExecutorFailure.class, () -> harness.call(PUBLISH, input, "key-missed"))
                        .httpStatus());
        synchronized (fake) {
            fake.failures.clear();
        }
        clock.advance(java.time.Duration.ofHours(2));
        ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> harness.call(PUBLISH, input, "key-missed"));
        assertEquals(400, failure.httpStatus());
        assertTrue(failure.getMessage().contains("has passed"), failure.getMessage());
        assertEquals(0, fake.creates.get());
    }
}
