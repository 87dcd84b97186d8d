package com.productos.analytics.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.AnalyticsModule;
import com.productos.analytics.AnalyticsSettings;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.Event;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * analytics.measure_campaign on DuckDB against planted effects. Every campaign gets its own days,
 * so one warehouse holds them all; the expected counts come from the generator, not from a funnel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeasureCampaignTest {
    static final Instant EPOCH = Instant.parse("2026-02-01T00:00:00Z");
    static final Duration LENGTH = Duration.ofDays(2);
    static final int TRIALS = 200;

    @TempDir
    static Path dir;

    AnalyticsModule module;
    final List<PlantedCampaign> trials = new ArrayList<>();
    final List<PlantedCampaign.Truth> truths = new ArrayList<>();
    PlantedCampaign uplift;
    PlantedCampaign noEffect;
    PlantedCampaign negative;
    PlantedCampaign thin;
    PlantedCampaign unseen;
    PlantedCampaign.Truth upliftTruth;

    @BeforeAll
    void load() {
        Workspace workspace = Workspace.open(dir);
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace,
                com.productos.executors.ExecutorTestSupport.REGISTRY,
                ProductOsConfig.empty(),
                Clock.fixed(EPOCH.plus(Duration.ofDays(2000)), ZoneOffset.UTC));
        AnalyticsSettings settings = AnalyticsSettings.from(Json.object(), workspace);
        DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(settings.duckDbFile()));
        module = new AnalyticsModule(environment, settings, warehouse);
        List<Event> events = new ArrayList<>();
        int slot = 0;
        uplift = campaign("uplift", slot++, 400, 800, 800, 0.30, 0.15, 1);
        upliftTruth = uplift.writeTo(events);
        noEffect = campaign("flat", slot++, 400, 800, 800, 0.20, 0.20, 2);
        noEffect.writeTo(events);
        negative = campaign("worse", slot++, 400, 800, 800, 0.08, 0.22, 3);
        negative.writeTo(events);
        thin = campaign("thin", slot++, 12, 800, 800, 0.30, 0.15, 4);
        thin.writeTo(events);
        unseen = campaign("unseen", slot++, 0, 300, 300, 0.30, 0.15, 5);
        unseen.writeTo(events);
        for (int t = 0; t < TRIALS; t++) {
            PlantedCampaign trial = campaign("trial" + t, slot++, 150, 300, 0, 0.25, 0.15, 1000 + t);
            trials.add(trial);
            truths.add(trial.writeTo(events));
        }
        warehouse.insert(events);
    }

    private static PlantedCampaign campaign(
            String tag,
            int slot,
            int campaignUsers,
            int otherUsers,
            int preUsers,
            double campaignRate,
            double baseRate,
            long seed) {
        // Two periods per campaign (pre and campaign), and a free day between campaigns.
        Instant start = EPOCH.plus(LENGTH.multipliedBy(2L * slot + 1)).plus(Duration.ofDays(slot));
        return new PlantedCampaign(
                tag, start, LENGTH, campaignUsers, otherUsers, preUsers, campaignRate, baseRate, seed);
    }

    @AfterAll
    void close() {
        module.close();
    }

    JsonNode measure(String input, String idempotencyKey) throws ExecutorFailure {
        return module.routes()
                .get("/execute/analytics/measure_campaign")
                .handle(new ExecutorRequest(
                        "/execute/analytics/measure_campaign",
                        Json.parse(input),
                        "run-1",
                        idempotencyKey,
                        "user",
                        new ExecutorLog()));
    }

    @Test
    void aPlantedUpliftShouldBeFoundWithTheGeneratedCounts() throws Exception {
        JsonNode output = measure(uplift.input(null, 30), null);
        assertEquals("uplift", output.path("conclusion").asString(), output.toPrettyString());
        assertEquals(
                upliftTruth.campaignEntered(),
                output.path("campaign_group").path("users").asLong());
        assertEquals(
                upliftTruth.campaignConverted(),
                output.path("campaign_group").path("converted").asLong());
        JsonNode same = output.path("comparisons").get(0);
        assertEquals("unattributed_same_period", same.path("baseline").asString());
        assertEquals(
                upliftTruth.otherEntered(),
                same.path("baseline_group").path("users").asLong());
        assertEquals(
                upliftTruth.otherConverted(),
                same.path("baseline_group").path("converted").asLong());
        JsonNode pre = output.path("comparisons").get(1);
        assertEquals(
                upliftTruth.preEntered(),
                pre.path("baseline_group").path("users").asLong());
        assertEquals(
                upliftTruth.preConverted(),
                pre.path("baseline_group").path("converted").asLong());
        assertEquals("uplift", pre.path("conclusion").asString());
        double expected = (double) upliftTruth.campaignConverted() / upliftTruth.campaignEntered()
                - (double) upliftTruth.otherConverted() / upliftTruth.otherEntered();
        assertEquals(expected, same.path("difference").asDouble(), 1e-12);
        assertTrue(
                output.path("summary").asString().contains("lifted"),
                output.path("summary").asString());
    }

    @Test
    void noEffectANegativeEffectAndThinDataShouldEachBeSaidPlainly() throws Exception {
        assertEquals(
                "no_detectable_effect",
                measure(noEffect.input(null, 30), null).path("conclusion").asString());
        assertEquals(
                "negative",
                measure(negative.input(null, 30), null).path("conclusion").asString());
        JsonNode thinOutput = measure(thin.input(null, 30), null);
        assertEquals("too_little_data", thinOutput.path("conclusion").asString());
        assertTrue(
                thinOutput.path("summary").asString().contains("only 12 campaign-attributed users"),
                thinOutput.path("summary").asString());
    }

    @Test
    void aCampaignWithNoAttributedTrafficShouldSaySoAndNameTheTag() throws Exception {
        JsonNode output = measure(unseen.input(null, 30), null);
        assertEquals("too_little_data", output.path("conclusion").asString());
        assertEquals(0, output.path("campaign_group").path("users").asLong());
        assertTrue(output.path("comparisons").get(0).path("difference").isNull());
        assertTrue(
                output.path("summary").asString().contains("no campaign-attributed user"),
                output.path("summary").asString());
    }

    @Test
    void theIntervalShouldCoverThePlantedEffectInAtLeast95PercentOf200SeededTrials() throws Exception {
        int covered = 0;
        double planted = 0.25 - 0.15;
        for (PlantedCampaign trial : trials) {
            JsonNode same =
                    measure(trial.input(null, 30), null).path("comparisons").get(0);
            if (same.path("lower").asDouble() <= planted
                    && planted <= same.path("upper").asDouble()) covered++;
        }
        assertTrue(
                covered >= 190,
                "the planted difference was inside the interval in " + covered + " of " + TRIALS + " trials");
    }

    @Test
    void theMeasurementShouldBeStoredLinkedAndARepeatedKeyShouldAddNothing() throws Exception {
        JsonNode first = measure(uplift.input(null, 30), "key-1");
        JsonNode again = measure(uplift.input(null, 30), "key-1");
        assertEquals(Json.canonical(first), Json.canonical(again));
        try (MeasurementStore store = new MeasurementStore(Workspace.open(dir).executorStore("analytics"))) {
            List<String> ids = store.forCampaign("cmp_uplift").stream()
                    .map(d -> d.path("measurement_id").asString())
                    .toList();
            assertEquals(
                    1,
                    ids.stream()
                            .filter(first.path("measurement_id").asString()::equals)
                            .count(),
                    ids.toString());
        }
    }

    @Test
    void anInsightThatDoesNotExistAndAPeriodThatEndsBeforeItStartsShouldBeRefused() {
        ExecutorFailure missing =
                assertThrows(ExecutorFailure.class, () -> measure(uplift.input("ins_nope", 30), null));
        assertEquals(404, missing.httpStatus());
        assertTrue(
                missing.getMessage().contains("ins_nope")
                        && missing.getMessage().contains("write_insight"),
                missing.getMessage());
        ExecutorFailure backwards = assertThrows(ExecutorFailure.class, () -> measure("""
                {"campaign": {"campaign_id": "c", "utm_campaign": "c", "started_at": "2026-02-03T00:00:00Z",
                 "ended_at": "2026-02-01T00:00:00Z"}, "confidence": 0.5,
                 "funnel": {"name": "f", "steps": [{"event_name": "a"}, {"event_name": "b"}]}}""", null));
        assertEquals(400, backwards.httpStatus());
        String details = backwards.details().toString();
        assertTrue(details.contains("/campaign/ended_at") && details.contains("/confidence"), details);
    }
}
