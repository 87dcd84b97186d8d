package com.productos.bench;

import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventBatch;
import com.productos.analytics.fixtures.AnalyticsToolFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * analytics.cohort_retention (12 weekly cohorts, signup then use) and analytics.anomaly_detect (a
 * year of daily KPIs: event count, distinct users, signup conversion) through their handlers on
 * embedded DuckDB, over about 10M events spread across a year with a weekly rhythm (median of 5
 * after one warm-up). Memory: the JVM heap in use after a GC once the calls are done, the heap's
 * peak during the calls, and the DuckDB file's size on disk; DuckDB's own memory is native and
 * shows in the process's resident set, printed from /proc.
 *
 * <p>Run from java-backend/ (most of the time is generating and storing the events):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g -cp target/test-classes:target/classes:$(cat target/cp.txt) com.productos.bench.RetentionAnomalyBenchmark [USERS]
 * </pre>
 * The default is 2,850,000 users, about 10M events.
 */
public final class RetentionAnomalyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionAnomalyBenchmark.class);
    static final Instant FIRST_DAY = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant AS_OF = FIRST_DAY.plusSeconds(365L * 86400);

    public static void main(String[] args) throws Exception {
        int users = args.length == 0 ? 2_850_000 : Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("retention-anomaly-bench");
        List<String> table = new ArrayList<>();
        try {
            long events;
            long loadStarted = System.nanoTime();
            try (AnalyticsToolFixture load = new AnalyticsToolFixture("analytics.cohort_retention", dir, AS_OF)) {
                events = load(load, users);
            }
            double loadMillis = (System.nanoTime() - loadStarted) / 1e6;
            table.add(String.format(
                    Locale.ROOT,
                    "%,d events of %,d users stored in %.0f ms; DuckDB file %,d MiB",
                    events,
                    users,
                    loadMillis,
                    duckDbBytes(dir) >> 20));
            table.add(String.format(Locale.ROOT, "%-44s %10s %10s %s", "call", "median ms", "heap MiB", "result"));
            time(
                    table,
                    "analytics.cohort_retention",
                    "12 weekly cohorts, signup -> use",
                    dir,
                    "{\"range_days\": 77, \"period\": \"week\", \"start_event\": \"signup\", \"return_event\": \"use\", \"periods\": 11}",
                    output -> output.path("cohorts").size() + " cohorts");
            for (String kpi : List.of(
                    "{\"type\": \"event_count\", \"event_name\": \"visit\"}",
                    "{\"type\": \"distinct_users\", \"event_name\": \"use\"}",
                    "{\"type\": \"conversion\", \"from_event\": \"visit\", \"to_event\": \"signup\"}")) {
                time(
                        table,
                        "analytics.anomaly_detect",
                        "365 days, " + kpi.replaceAll("[{}\"]", "").replace("type: ", ""),
                        dir,
                        "{\"range_days\": 365, \"granularity\": \"day\", \"kpi\": " + kpi + "}",
                        output -> output.path("points").asInt() + " points, "
                                + output.path("anomalies").size() + " anomalies");
            }
            table.add(String.format(Locale.ROOT, "process resident set after the calls: %s", residentSet()));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        // Results go to the log (stderr): stdout is kept for protocol bytes everywhere in the backend.
        LOG.info("RetentionAnomalyBenchmark\n{}", String.join("\n", table));
    }

    private static void time(
            List<String> table,
            String toolName,
            String label,
            Path dir,
            String input,
            java.util.function.Function<JsonNode, String> summary)
            throws Exception {
        try (AnalyticsToolFixture tool = new AnalyticsToolFixture(toolName, dir, AS_OF)) {
            JsonNode[] last = new JsonNode[1];
            System.gc();
            resetPeaks();
            double millis = BenchTiming.medianMillis(5, () -> last[0] = tool.call(input));
            long peak = heapPeakBytes();
            table.add(String.format(
                    Locale.ROOT,
                    "%-44s %10.0f %10d %s",
                    toolName.replace("analytics.", "") + " (" + label + ")",
                    millis,
                    peak >> 20,
                    summary.apply(last[0])));
        }
    }

    /**
     * Users arrive over the year, more on weekdays; each visits, 40% sign up within the day, and a
     * signed-up user comes back to use the product in each later week with a chance that halves
     * every few weeks, several times a week. About 3.5 events per user.
     */
    static long load(AnalyticsToolFixture tool, int users) {
        Random random = new Random(42);
        long count = 0;
        try (EventBatch batch = tool.sink().openBatch()) {
            for (int u = 0; u < users; u++) {
                String user = "u" + u;
                int day;
                do {
                    day = random.nextInt(365);
                } while (weekend(day) && random.nextDouble() < 0.4);
                Instant visit = FIRST_DAY.plusSeconds(day * 86400L + random.nextInt(80_000));
                batch.add(new Event(user, "visit", visit, null, user + "-v"));
                count++;
                if (random.nextDouble() >= 0.4) continue;
                Instant signup = visit.plusSeconds(60 + random.nextInt(3600));
                batch.add(new Event(user, "signup", signup, null, user + "-s"));
                count++;
                for (int week = 1; week < 30; week++) {
                    if (random.nextDouble() >= 0.8 * Math.pow(0.5, week / 4.0) + 0.1) break;
                    int uses = 1 + random.nextInt(5);
                    for (int i = 0; i < uses; i++) {
                        Instant at = signup.plusSeconds(week * 7L * 86400 + random.nextInt(7 * 86400));
                        if (at.isAfter(AS_OF)) break;
                        batch.add(new Event(user, "use", at, null, user + "-" + week + "-" + i));
                        count++;
                    }
                }
            }
            batch.commit();
        }
        return count;
    }

    private static boolean weekend(int day) {
        int weekday = FIRST_DAY
                .plusSeconds(day * 86400L)
                .atZone(ZoneOffset.UTC)
                .getDayOfWeek()
                .getValue();
        return weekday >= 6;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
    }

    private static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        return sum;
    }

    private static long duckDbBytes(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".duckdb"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static String residentSet() {
        StringBuilder text = new StringBuilder();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
                    text.append(line.replaceAll("\\s+", " ")).append("; ");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return text.toString();
    }
}
