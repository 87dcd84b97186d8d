package com.productos.bench;

import com.productos.analytics.TimeRange;
import com.productos.analytics.drivers.DriverCounts;
import com.productos.analytics.drivers.DriverQuery;
import com.productos.analytics.drivers.DriverScorer;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.EventBatch;
import com.productos.analytics.fixtures.SyntheticEvents;
import com.productos.analytics.sql.PropertyFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * analytics.top_drivers (counting query + scoring) over 1M synthetic users and 50 candidate events
 * (invite_teammate, view_docs, open_settings and feature_01..feature_47), embedded DuckDB, median of 3.
 *
 * <p>Run from java-backend/:
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g -cp target/test-classes:target/classes:$(cat target/cp.txt) com.productos.bench.TopDriversBenchmark [USERS]
 * </pre>
 */
public final class TopDriversBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TopDriversBenchmark.class);

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("drivers-bench");
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("events.duckdb")))) {
            AtomicLong events = new AtomicLong();
            try (EventBatch batch = warehouse.openBatch()) {
                new SyntheticEvents(5, users, 47).forEach(event -> {
                    batch.add(event);
                    events.incrementAndGet();
                });
                batch.commit();
            }
            warehouse.database().withConnection(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT");
                }
                return null;
            });
            List<String> candidates = new ArrayList<>(List.of("invite_teammate", "view_docs", "open_settings"));
            for (int f = 1; f <= 47; f++) candidates.add(String.format("feature_%02d", f));
            DriverQuery query = new DriverQuery(
                    "purchase",
                    "purchase",
                    candidates,
                    List.of(),
                    PropertyFilter.NONE,
                    new TimeRange(120, SyntheticEvents.START.plusSeconds(100L * 86400)),
                    30);
            DriverScorer.Result[] result = new DriverScorer.Result[1];
            long[] converted = new long[2];
            double millis = BenchTiming.medianMillis(3, () -> {
                DriverCounts counts = warehouse.driverCounts(query);
                converted[0] = counts.users();
                converted[1] = counts.convertedUsers();
                return result[0] = DriverScorer.score(query, counts, 20);
            });
            LOG.info(
                    "TopDriversBenchmark\n{}",
                    String.format(
                            Locale.ROOT,
                            "%12s %12s %10s %12s %s%n%,12d %,12d %10d %12.0f %s",
                            "users",
                            "events",
                            "candidates",
                            "median ms",
                            "top driver",
                            converted[0],
                            events.get(),
                            candidates.size(),
                            millis,
                            result[0].drivers().get(0).evidence()));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
