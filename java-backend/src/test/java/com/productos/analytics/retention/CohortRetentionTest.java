package com.productos.analytics.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.productos.analytics.events.ColumnMapping;
import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventImporter;
import com.productos.analytics.events.ImportFormat;
import com.productos.analytics.fixtures.AnalyticsToolFixture;
import com.productos.analytics.fixtures.SharedDatasets;
import com.productos.executors.ExecutorFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * analytics.cohort_retention through the registry's schemas and the analytics module on DuckDB,
 * against a plain per-user reference computed with java.time calendars, on planted and real events.
 */
class CohortRetentionTest {
    static final Instant AS_OF = Instant.parse("2026-03-30T00:00:00Z");

    @TempDir
    Path dir;

    AnalyticsToolFixture tool;
    List<Event> stored = new ArrayList<>();

    @BeforeEach
    void start() {
        tool = new AnalyticsToolFixture("analytics.cohort_retention", dir, AS_OF);
    }

    @AfterEach
    void stop() {
        tool.close();
    }

    JsonNode call(String input) throws ExecutorFailure {
        return tool.call(input);
    }

    /** Cohort start date -> retained users per period, computed per user from the raw events. */
    static Map<String, List<Long>> reference(
            List<Event> events, String period, String start, String back, int periods, Instant from, Instant to) {
        Map<String, List<Event>> byUser = new HashMap<>();
        for (Event e : events) {
            if (e.timestamp().isBefore(from) || e.timestamp().isAfter(to)) continue;
            byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
        }
        LocalDate last = periodStart(LocalDate.ofInstant(to, ZoneOffset.UTC), period);
        Map<String, long[]> table = new TreeMap<>();
        for (List<Event> own : byUser.values()) {
            LocalDate cohort = null;
            for (Event e : own) {
                if (start != null && !e.eventName().equals(start)) continue;
                LocalDate p = periodStart(LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC), period);
                if (cohort == null || p.isBefore(cohort)) cohort = p;
            }
            if (cohort == null) continue;
            int width = (int) Math.min(periods, between(cohort, last, period)) + 1;
            long[] row = table.computeIfAbsent(
                    cohort.atStartOfDay(ZoneOffset.UTC).toInstant().toString(), c -> new long[width]);
            row[0]++;
            boolean[] seen = new boolean[width];
            for (Event e : own) {
                if (back != null && !e.eventName().equals(back)) continue;
                long offset = between(
                        cohort, periodStart(LocalDate.ofInstant(e.timestamp(), ZoneOffset.UTC), period), period);
                if (offset >= 1 && offset < width && !seen[(int) offset]) {
                    seen[(int) offset] = true;
                    row[(int) offset]++;
                }
            }
        }
        Map<String, List<Long>> result = new TreeMap<>();
        table.forEach((k, v) -> result.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return result;
    }

    static LocalDate periodStart(LocalDate date, String period) {
        return switch (period) {
            case "day" -> date;
            case "week" -> date.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default -> date.withDayOfMonth(1);
        };
    }

    static long between(LocalDate a, LocalDate b, String period) {
        return switch (period) {
            case "day" -> java.time.temporal.ChronoUnit.DAYS.between(a, b);
            case "week" -> java.time.temporal.ChronoUnit.WEEKS.between(a, b);
            default -> java.time.temporal.ChronoUnit.MONTHS.between(a, b);
        };
    }

    static Map<String, List<Long>> triangle(JsonNode output) {
        Map<String, List<Long>> result = new TreeMap<>();
        for (JsonNode cohort : output.path("cohorts")) {
            List<Long> retained = new ArrayList<>();
            cohort.path("retained").forEach(n -> retained.add(n.asLong()));
            assertEquals(cohort.path("size").asLong(), retained.get(0));
            result.put(cohort.path("cohort_start").asString(), retained);
        }
        return result;
    }

    /** 12 weekly cohorts of signups; the cohort of 2026-02-09 was planted to come back far more often. */
    static List<Event> plantedWeeklyCohorts(long seed) {
        Random random = new Random(seed);
        Instant firstMonday = Instant.parse("2026-01-05T00:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < 2400; u++) {
            int week = u % 12;
            Instant signup = firstMonday.plusSeconds(week * 7L * 86400 + random.nextInt(7 * 86400));
            events.add(new Event("u" + u, "signup", signup, null, "u" + u + "-s"));
            for (int later = 1; week + later < 12; later++) {
                double p = week == 5 ? 0.8 : 0.5 * Math.pow(0.8, later - 1);
                if (random.nextDouble() < p) {
                    Instant use = firstMonday.plusSeconds((week + later) * 7L * 86400 + random.nextInt(7 * 86400));
                    events.add(new Event("u" + u, "use", use, null, "u" + u + "-" + later));
                }
            }
        }
        return events;
    }

    @Test
    void weeklyCohortsShouldMatchTheReferenceAndShowThePlantedCohort() throws Exception {
        stored.addAll(plantedWeeklyCohorts(3));
        tool.sink().insert(stored);
        Instant asOf = Instant.parse("2026-03-29T23:59:59Z");
        JsonNode output = call("""
                {"range_days": 85, "as_of": "%s", "period": "week", "start_event": "signup", "return_event": "use"}""".formatted(asOf));
        Map<String, List<Long>> triangle = triangle(output);
        assertEquals(reference(stored, "week", "signup", "use", 12, asOf.minusSeconds(85L * 86400), asOf), triangle);
        assertEquals(12, triangle.size());
        List<Long> planted = triangle.get("2026-02-09T00:00:00Z");
        List<Long> before = triangle.get("2026-02-02T00:00:00Z");
        assertEquals(7, planted.size(), "cohort 6 of 12 has its own week and 6 after it");
        assertTrue(
                planted.get(1) > 0.7 * planted.get(0) && before.get(1) < 0.6 * before.get(0),
                planted + " vs " + before);
        assertTrue(
                planted.get(5) > 0.7 * planted.get(0) && before.get(5) < 0.3 * before.get(0),
                planted + " vs " + before);
        // Any event as start and return: the signups start the cohorts, every later use counts.
        JsonNode any = call("""
                {"range_days": 85, "as_of": "%s", "periods": 3}""".formatted(asOf));
        assertEquals(reference(stored, "week", null, null, 3, asOf.minusSeconds(85L * 86400), asOf), triangle(any));
        assertEquals("(any event)", any.path("start_event").asString());
        JsonNode monthly = call("""
                {"range_days": 85, "as_of": "%s", "period": "month", "start_event": "signup"}""".formatted(asOf));
        assertEquals(
                reference(stored, "month", "signup", null, 12, asOf.minusSeconds(85L * 86400), asOf),
                triangle(monthly));
    }

    @Test
    void dailyCohortsOnTheTaobaoSampleShouldMatchTheReference() throws Exception {
        Path datasets = SharedDatasets.directory().orElse(null);
        assumeTrue(datasets != null, "shared/datasets not found beside the project");
        Path file = datasets.resolve("taobao_UserBehavior_head_clean.csv");
        new EventImporter(tool.sink())
                .importFile(
                        file,
                        ImportFormat.CSV,
                        ColumnMapping.parse("user_id=user_id,event_name=behavior_type,timestamp=timestamp,unit=s"));
        List<Event> raw = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.skip(1).forEach(line -> {
                String[] f = line.split(",");
                raw.add(new Event(f[0], f[3], Instant.ofEpochSecond(Long.parseLong(f[4])), null, line));
            });
        }
        Instant asOf = Instant.parse("2017-12-04T00:00:00Z");
        JsonNode output = call("""
                {"range_days": 9, "as_of": "%s", "period": "day", "return_event": "buy"}""".formatted(asOf));
        Map<String, List<Long>> triangle = triangle(output);
        assertEquals(reference(raw, "day", null, "buy", 12, asOf.minusSeconds(9L * 86400), asOf), triangle);
        assertTrue(
                triangle.values().stream()
                                .mapToLong(r -> r.size() > 1 ? r.get(1) : 0)
                                .sum()
                        > 0,
                "some buyers come back: " + triangle);
        JsonNode carts = call("""
                {"range_days": 9, "as_of": "%s", "period": "day", "start_event": "cart", "return_event": "pv", "periods": 4}""".formatted(asOf));
        assertEquals(reference(raw, "day", "cart", "pv", 4, asOf.minusSeconds(9L * 86400), asOf), triangle(carts));
    }

    @Test
    void badInputShouldBeRefusedWithTheFieldNamed() {
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> tool.callUnchecked(
                        "{\"range_days\": 30, \"period\": \"hour\", \"start_event\": \"\", \"periods\": 0}"));
        assertEquals(400, failure.httpStatus());
        for (String field : List.of("/period", "/start_event", "/periods"))
            assertTrue(failure.getMessage().contains(field), failure.getMessage());
    }
}
