package com.productos.analytics.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.brand.firestore.FirestoreEmulator;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * analytics.write_insight in BigQuery mode's layout: the pointer in Firestore (the npm emulator,
 * through google-cloud-firestore) and the report files in GCS (a loopback fake of the JSON API,
 * through google-cloud-storage), the row in a real warehouse; and nothing kept when GCS refuses.
 */
class InsightStorageOnCloudTest {
    static final String INSIGHT = """
            {"insight": {"type": "funnel_drop", "title": "Spring promo users stall at signup", "summary": "Only 15% sign up.",
              "severity": "high", "confidence": 0.9, "window": {"range_days": 30},
              "context": {"funnel": {"steps": [{"event_name": "visit", "users": 1000}, {"event_name": "signup", "users": 150}]}},
              "recommendations": [{"action": "Fix the promo landing page", "rationale": "Signup drops 4x"}]}}""";
    static FirestoreEmulator emulator;

    @TempDir
    Path dir;

    FakeGcsServer gcs;
    DuckDbWarehouse warehouse;
    FirestoreInsightPointers pointers;
    InsightHandler handler;
    String collection;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = FirestoreEmulator.start();
    }

    @AfterAll
    static void stopEmulator() throws Exception {
        if (emulator != null) emulator.close();
    }

    @BeforeEach
    void start() throws Exception {
        gcs = new FakeGcsServer();
        warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("a.duckdb")));
        // One collection per test: the emulator is shared by the class.
        collection = "insights_" + System.nanoTime();
        pointers = FirestoreInsightPointers.connect(
                new CloudInsightSettings.Firestore("p", "(default)", collection, emulator.host()), true);
        handler = new InsightHandler(
                warehouse,
                pointers,
                GcsInsightReports.connect(new CloudInsightSettings.Gcs("p", "reports", gcs.host()), true),
                Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        pointers.close();
        warehouse.close();
        gcs.close();
    }

    JsonNode write(String key, ExecutorLog log) throws ExecutorFailure {
        return handler.handle(new ExecutorRequest(
                "/execute/analytics/write_insight", Json.parse(INSIGHT), "run-7", key, "user", log));
    }

    @Test
    void theInsightShouldLandInFirestoreAndGcsAndReplayByKey() throws Exception {
        ExecutorLog log = new ExecutorLog();
        JsonNode output = write("key-1", log);
        String id = output.path("insight_id").asString();
        String prefix = "insights/" + id + "/";
        assertEquals(
                collection,
                output.path("stored").path("firestore").path("collection").asString());
        assertEquals(id, output.path("stored").path("firestore").path("doc_id").asString());
        assertEquals("reports", output.path("stored").path("gcs").path("bucket").asString());
        assertEquals(prefix, output.path("stored").path("gcs").path("prefix").asString());

        JsonNode pointer = pointers.find(id).orElseThrow();
        assertEquals("Spring promo users stall at signup", pointer.path("title").asString());
        assertEquals("run-7", pointer.path("run_id").asString());
        assertEquals(output.path("stored"), pointer.path("stored"));
        assertEquals(List.of(pointer), pointers.list(10));

        JsonNode report =
                Json.parse(new String(gcs.object("reports", prefix + "insight.json"), StandardCharsets.UTF_8));
        assertEquals(id, report.path("insight_id").asString());
        assertEquals(0.9, report.path("insight").path("confidence").asDouble());
        assertTrue(new String(gcs.object("reports", prefix + "report.md"), StandardCharsets.UTF_8)
                .contains("Fix the promo landing page"));
        assertTrue(new String(gcs.object("reports", prefix + "chart.svg"), StandardCharsets.UTF_8).startsWith("<svg"));
        assertEquals("image/svg+xml", gcs.contentTypes.get("reports/" + prefix + "chart.svg"));
        assertTrue(warehouse.insightExists(id));
        assertTrue(
                log.artifacts().stream().anyMatch(a -> a.uri().equals("gs://reports/" + prefix + "report.md")),
                "artifacts logged with their gs:// locations: " + log.artifacts());

        int objects = gcs.objects.size();
        assertEquals(output, write("key-1", new ExecutorLog()), "the same key returns the first answer");
        assertEquals(objects, gcs.objects.size(), "and writes nothing again");
        JsonNode second = write("key-2", new ExecutorLog());
        assertEquals(2, pointers.list(10).size());
        assertEquals(1, pointers.list(1).size());
        assertFalse(second.path("insight_id").asString().equals(id));
    }

    @Test
    void aBucketThatRefusesShouldLeaveNothingAnywhere() throws Exception {
        gcs.refuseSuffix = "chart.svg";
        ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> write("key-9", new ExecutorLog()));
        assertEquals(503, failure.httpStatus(), failure.getMessage());
        assertTrue(failure.getMessage().contains("nothing was kept"), failure.getMessage());
        assertTrue(failure.getMessage().contains("gs://reports/insights/"), failure.getMessage());
        assertTrue(failure.getMessage().contains("HTTP 403"), failure.getMessage());
        assertEquals(0, gcs.objects.size(), "uploaded files are deleted again: " + gcs.objects.keySet());
        assertEquals(List.of(), pointers.list(10));
        String id = "ins_" + Json.sha256Hex("write_insight\u0000key-9").substring(0, 20);
        assertFalse(warehouse.insightExists(id));
        assertNull(gcs.object("reports", "insights/" + id + "/insight.json"));
    }
}
