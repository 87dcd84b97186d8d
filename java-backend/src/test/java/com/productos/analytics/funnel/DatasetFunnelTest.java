package com.productos.analytics.funnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.productos.analytics.TimeRange;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.ColumnMapping;
import com.productos.analytics.events.EventImporter;
import com.productos.analytics.events.EventKeys;
import com.productos.analytics.events.ImportFormat;
import com.productos.analytics.events.ImportReport;
import com.productos.analytics.fixtures.SharedDatasets;
import com.productos.analytics.sql.PropertyFilter;
import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The funnel SQL against the independent loop on real samples read in place from shared/datasets
 * (skipped where that folder is absent, as it is outside the repository). The loop reads the files
 * with its own plain parsing, not through the importer.
 */
class DatasetFunnelTest {
    @TempDir
    Path dir;

    Path datasets;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void open() {
        datasets = SharedDatasets.directory().orElse(null);
        assumeTrue(datasets != null, "shared/datasets not found beside the project");
        warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("events.duckdb")));
    }

    @AfterEach
    void close() {
        if (warehouse != null) warehouse.close();
    }

    void compare(List<ReferenceFunnel.Raw> raw, Instant asOf, int rangeDays, int windowDays, String... names) {
        List<FunnelStep> steps = new ArrayList<>();
        List<ReferenceFunnel.Step> referenceSteps = new ArrayList<>();
        for (String name : names) {
            steps.add(new FunnelStep(name, PropertyFilter.NONE));
            referenceSteps.add(new ReferenceFunnel.Step(name, Map.of()));
        }
        FunnelQuery query =
                new FunnelQuery("f", steps, PropertyFilter.NONE, windowDays, new TimeRange(rangeDays, asOf));
        long[] sql = warehouse.funnel(query).usersPerStep().stream()
                .mapToLong(Long::longValue)
                .toArray();
        long[] reference = ReferenceFunnel.count(
                raw,
                referenceSteps,
                Map.of(),
                query.conversionWindowMicros(),
                query.range().fromMicros(),
                query.range().toMicros());
        assertArrayEquals(reference, sql, "funnel " + List.of(names) + " window " + windowDays + " range " + rangeDays);
        long[] bySql = warehouse.funnelBySql(query).usersPerStep().stream()
                .mapToLong(Long::longValue)
                .toArray();
        assertArrayEquals(
                reference, bySql, "funnel SQL " + List.of(names) + " window " + windowDays + " range " + rangeDays);
        assertTrue(
                sql[0] > 0 && sql[names.length - 1] > 0, "a funnel that finds nobody proves little: " + List.of(names));
    }

    static ReferenceFunnel.Raw raw(String user, String name, long micros) {
        Instant at = EventKeys.fromEpochMicros(micros);
        return new ReferenceFunnel.Raw(user, name, micros, Map.of(), EventKeys.derivedInsertId(user, name, at));
    }

    @Test
    void ottoJsonlAndItsFlatCsvShouldGiveTheLoopsCounts() throws Exception {
        Path jsonl = datasets.resolve("otto_train_fixture.jsonl");
        List<ReferenceFunnel.Raw> raw = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) continue;
            JsonNode session = Json.parse(line);
            for (JsonNode e : session.path("events")) {
                raw.add(raw(
                        session.path("session").asString(),
                        e.path("type").asString(),
                        e.path("ts").asLong() * 1000));
            }
        }
        assertEquals(862, raw.size());
        ImportReport report = new EventImporter(warehouse)
                .importFile(
                        jsonl,
                        ImportFormat.JSONL,
                        ColumnMapping.parse(
                                "user_id=session,event_name=events[].type,timestamp=events[].ts,unit=ms,prop.aid=events[].aid"));
        assertEquals(0, report.rejectedCount());
        assertEquals(862, report.eventsRead());
        Instant asOf = Instant.parse("2022-09-01T00:00:00Z");
        for (int window : new int[] {1, 3, 14}) {
            compare(raw, asOf, 60, window, "clicks", "carts", "orders");
            compare(raw, asOf, 60, window, "carts", "clicks", "orders");
        }
        compare(raw, asOf, 14, 7, "clicks", "carts");
        compare(raw, asOf, 60, 14, "clicks", "clicks", "carts");

        // The flattened CSV holds the same events: importing it too adds nothing and changes nothing.
        ImportReport csv = new EventImporter(warehouse)
                .importFile(
                        datasets.resolve("otto_train_fixture_flat.csv"),
                        ImportFormat.CSV,
                        ColumnMapping.parse(
                                "user_id=user_id,event_name=event_name,timestamp=timestamp_ms,unit=ms,prop.aid=aid"));
        assertEquals(862, csv.eventsRead());
        assertEquals(0, csv.imported());
        compare(raw, asOf, 60, 14, "clicks", "carts", "orders");
    }

    @Test
    void taobaoCsvShouldGiveTheLoopsCounts() throws Exception {
        Path file = datasets.resolve("taobao_UserBehavior_head_clean.csv");
        List<ReferenceFunnel.Raw> raw = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.skip(1).forEach(line -> {
                String[] f = line.split(",");
                raw.add(raw(f[0], f[3], Long.parseLong(f[4]) * 1_000_000L));
            });
        }
        ImportReport report = new EventImporter(warehouse)
                .importFile(
                        file,
                        ImportFormat.CSV,
                        ColumnMapping.parse(
                                "user_id=user_id,event_name=behavior_type,timestamp=timestamp,unit=s,prop.item_id=item_id,prop.category_id=category_id"));
        assertEquals(84_287, report.eventsRead());
        assertEquals(84_287, report.imported() + report.duplicates() + report.rejectedCount());
        Instant asOf = Instant.parse("2017-12-04T00:00:00Z");
        for (int window : new int[] {1, 3, 7}) {
            compare(raw, asOf, 9, window, "pv", "cart", "buy");
            compare(raw, asOf, 9, window, "pv", "fav", "cart", "buy");
        }
        compare(raw, asOf, 2, 1, "pv", "buy");
        compare(raw, asOf, 9, 14, "cart", "pv", "buy");
        // Repeated names: same-second events of one user are split by step here, and must be counted alike.
        compare(raw, asOf, 9, 1, "pv", "cart", "pv", "buy");
        compare(raw, asOf, 9, 3, "pv", "pv", "cart", "pv");
    }
}
