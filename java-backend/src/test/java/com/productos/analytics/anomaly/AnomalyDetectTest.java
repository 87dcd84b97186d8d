package com.productos.analytics.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.productos.analytics.TimeRange;
import com.productos.analytics.events.ColumnMapping;
import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventImporter;
import com.productos.analytics.events.ImportFormat;
import com.productos.analytics.fixtures.AnalyticsToolFixture;
import com.productos.analytics.fixtures.SharedDatasets;
import com.productos.analytics.sql.TimeBucket;
import com.productos.executors.ExecutorFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * analytics.anomaly_detect through the registry's schemas and the analytics module on DuckDB: a year
 * of daily KPIs with weekly seasonality and noise, with and without planted anomalies, the series
 * checked against a plain count of the raw events, and the taobao sample per hour.
 */
class AnomalyDetectTest {
    static final Instant FIRST_DAY = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant AS_OF = FIRST_DAY.plusSeconds(365L * 86400);

    @TempDir
    Path dir;

    AnalyticsToolFixture tool;

    @BeforeEach
    void start() {
        tool = new AnalyticsToolFixture("analytics.anomaly_detect", dir, AS_OF);
    }

    @AfterEach
    void stop() {
        tool.close();
    }

    JsonNode call(String input) throws ExecutorFailure {
        return tool.call(input);
    }

    /**
     * A year of visits (weekdays about 160, weekends about 90, normal noise of the Poisson size) and
     * signups by about 30% of visitors; {@code factors} scales the visits of some days, {@code signupRates}
     * replaces the signup rate of some days.
     */
    static List<Event> year(long seed, Map<Integer, Double> factors, Map<Integer, Double> signupRates) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 365; day++) {
            Instant start = FIRST_DAY.plusSeconds(day * 86400L);
            int weekday = start.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
            double mean = (weekday >= 6 ? 90 : 160) * factors.getOrDefault(day, 1.0);
            int visits = (int) Math.max(0, Math.round(mean + random.nextGaussian() * Math.sqrt(mean)));
            double rate = signupRates.getOrDefault(day, 0.3);
            for (int v = 0; v < visits; v++) {
                String user = "u" + random.nextInt(20_000);
                Instant at = start.plusSeconds(random.nextInt(80_000));
                events.add(new Event(user, "visit", at, null, day + "-" + v));
                if (random.nextDouble() < rate)
                    events.add(new Event(
                            user, "signup", at.plusSeconds(1 + random.nextInt(3000)), null, day + "-" + v + "s"));
            }
        }
        return events;
    }

    static double[] referenceDailyCounts(List<Event> events, String name) {
        double[] counts = new double[365];
        for (Event e : events)
            if (e.eventName().equals(name))
                counts[(int) ((e.timestamp().getEpochSecond() - FIRST_DAY.getEpochSecond()) / 86400)]++;
        return counts;
    }

    @Test
    void flatNoiseShouldGiveNoAnomalyWhicheverKpi() throws Exception {
        List<Event> events = year(1, Map.of(), Map.of());
        tool.sink().insert(events);
        KpiQuery count = new KpiQuery(
                KpiQuery.Kind.EVENT_COUNT, "visit", null, null, TimeBucket.DAY, new TimeRange(365, AS_OF), 4);
        KpiSeries series = tool.warehouse().kpiSeries(count);
        assertEquals(FIRST_DAY, TimeBucket.DAY.start(series.firstBucket()));
        assertArrayEquals(referenceDailyCounts(events, "visit"), series.values());
        for (String kpi : List.of(
                "{\"type\": \"event_count\", \"event_name\": \"visit\"}",
                "{\"type\": \"distinct_users\", \"event_name\": \"visit\"}",
                "{\"type\": \"conversion\", \"from_event\": \"visit\", \"to_event\": \"signup\"}")) {
            JsonNode output = call("{\"range_days\": 365, \"kpi\": " + kpi + "}");
            assertEquals(
                    List.of(),
                    List.copyOf(toList(output.path("anomalies"))),
                    kpi + " on noise: " + output.path("anomalies"));
            assertTrue(output.path("points_checked").asInt() > 300, output.toString());
        }
    }

    @Test
    void plantedSpikesAndDropsShouldBeFoundAndNothingElse() throws Exception {
        // Day 200 (a Sunday) at 1.8x, day 300 (a Tuesday) at 0.35x; signups collapse to 5% on day 250.
        List<Event> events = year(2, Map.of(200, 1.8, 300, 0.35), Map.of(250, 0.05));
        tool.sink().insert(events);
        JsonNode counts =
                call("{\"range_days\": 365, \"kpi\": {\"type\": \"event_count\", \"event_name\": \"visit\"}}");
        List<JsonNode> anomalies = toList(counts.path("anomalies"));
        assertEquals(2, anomalies.size(), counts.path("anomalies").toString());
        assertEquals(
                FIRST_DAY.plusSeconds(200L * 86400).toString(),
                anomalies.get(0).path("period_start").asString());
        assertEquals("spike", anomalies.get(0).path("direction").asString());
        assertEquals(90, anomalies.get(0).path("expected").asDouble(), 15);
        assertTrue(anomalies.get(0).path("value").asDouble()
                > anomalies.get(0).path("upper").asDouble());
        assertEquals(
                FIRST_DAY.plusSeconds(300L * 86400).toString(),
                anomalies.get(1).path("period_start").asString());
        assertEquals("drop", anomalies.get(1).path("direction").asString());
        assertTrue(anomalies.get(1).path("score").asDouble() < -4);
        JsonNode conversion = call(
                "{\"range_days\": 365, \"kpi\": {\"type\": \"conversion\", \"from_event\": \"visit\", \"to_event\": \"signup\"}}");
        List<JsonNode> drops = toList(conversion.path("anomalies"));
        assertEquals(1, drops.size(), conversion.path("anomalies").toString());
        assertEquals(
                FIRST_DAY.plusSeconds(250L * 86400).toString(),
                drops.get(0).path("period_start").asString());
        assertEquals(0.3, drops.get(0).path("expected").asDouble(), 0.05);
    }

    @Test
    void hourlyPageViewsOfTheTaobaoSampleShouldBeCountedAsTheFileSays() throws Exception {
        Path datasets = SharedDatasets.directory().orElse(null);
        assumeTrue(datasets != null, "shared/datasets not found beside the project");
        Path file = datasets.resolve("taobao_UserBehavior_head_clean.csv");
        new EventImporter(tool.sink())
                .importFile(
                        file,
                        ImportFormat.CSV,
                        ColumnMapping.parse("user_id=user_id,event_name=behavior_type,timestamp=timestamp,unit=s"));
        Instant asOf = Instant.parse("2017-12-04T00:00:00Z");
        TimeRange range = new TimeRange(9, asOf);
        Map<Long, Set<String>> usersPerHour = new HashMap<>();
        Set<String> seen = new HashSet<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.skip(1).forEach(line -> {
                String[] f = line.split(",");
                long seconds = Long.parseLong(f[4]);
                // The importer keeps one event per user, name and instant.
                if (!f[3].equals("pv") || !seen.add(f[0] + "/" + seconds)) return;
                if (seconds * 1_000_000 < range.fromMicros() || seconds * 1_000_000 > range.toMicros()) return;
                usersPerHour
                        .computeIfAbsent(Math.floorDiv(seconds, 3600), h -> new HashSet<>())
                        .add(f[0]);
            });
        }
        KpiSeries series = tool.warehouse()
                .kpiSeries(new KpiQuery(KpiQuery.Kind.DISTINCT_USERS, "pv", null, null, TimeBucket.HOUR, range, 4));
        assertEquals(9 * 24, series.values().length);
        for (int i = 0; i < series.values().length; i++) {
            Set<String> users = usersPerHour.getOrDefault(series.firstBucket() + i, Set.of());
            assertEquals(users.size(), series.values()[i], 0, "hour " + i);
        }
        JsonNode output = call("{\"range_days\": 9, \"as_of\": \"" + asOf + "\", \"granularity\": \"hour\", "
                + "\"kpi\": {\"type\": \"distinct_users\", \"event_name\": \"pv\"}}");
        assertTrue(output.path("points_checked").asInt() > 80, output.toString());
    }

    @Test
    void badInputShouldBeRefusedWithTheFieldNamed() {
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> tool.callUnchecked(
                        "{\"range_days\": 30, \"granularity\": \"week\", \"threshold\": 1, "
                                + "\"kpi\": {\"type\": \"conversion\", \"event_name\": \"visit\", \"from_event\": \"visit\"}}"));
        assertEquals(400, failure.httpStatus());
        for (String field : List.of("/granularity", "/threshold", "/kpi/event_name", "/kpi/to_event")) {
            assertTrue(failure.getMessage().contains(field), failure.getMessage());
        }
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
