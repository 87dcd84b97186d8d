package com.productos.bench;

import com.productos.analytics.TimeRange;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.EventBatch;
import com.productos.analytics.fixtures.SyntheticEvents;
import com.productos.analytics.funnel.FunnelCounts;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.funnel.FunnelSql;
import com.productos.analytics.funnel.FunnelStep;
import com.productos.analytics.sql.PropertyFilter;
import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * analytics.funnel_summary (4 steps, embedded DuckDB) on about 1M and 10M synthetic events, against a
 * bare DuckDB scan of the same columns over the same rows, measured in the same run (median of 5): the
 * streaming walk the embedded warehouse uses, and the window-pass SQL BigQuery runs (median of 3),
 * which must give the same counts. The load column is the time to generate the events and store them
 * in one batch (one import).
 *
 * <p>Run from java-backend/ (takes a few minutes, most of it generating 10M events):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g [-Dbench.sql=false] -cp target/test-classes:target/classes:$(cat target/cp.txt) com.productos.bench.FunnelBenchmark [USERS...]
 * </pre>
 * The default sizes are 320,000 and 3,200,000 users (about 3.1 events each).
 */
public final class FunnelBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(FunnelBenchmark.class);

    public static void main(String[] args) throws Exception {
        int[] users = args.length == 0
                ? new int[] {320_000, 3_200_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        List<String> table = new ArrayList<>();
        table.add(String.format(
                Locale.ROOT,
                "%12s %10s %10s %10s %10s %10s %10s %8s %8s %s",
                "events",
                "load ms",
                "query ms",
                "fetch ms",
                "walk ms",
                "sql ms",
                "scan ms",
                "walk/scan",
                "sql/scan",
                "users per step"));
        for (int size : users) {
            Path dir = Files.createTempDirectory("funnel-bench");
            try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("events.duckdb")))) {
                long loadStarted = System.nanoTime();
                long events = load(warehouse, size);
                double loadMillis = (System.nanoTime() - loadStarted) / 1e6;
                FunnelQuery query = new FunnelQuery(
                        "bench",
                        List.of(step("visit"), step("signup"), step("activate"), step("purchase")),
                        PropertyFilter.NONE,
                        14,
                        new TimeRange(120, SyntheticEvents.START.plusSeconds(100L * 86400)));
                FunnelCounts[] counts = new FunnelCounts[2];
                // Where the walk's time goes: DuckDB's query up to its first row (scan, step masks,
                // sort), then reading every row through JDBC, then the walk itself on top.
                double queryMillis = BenchTiming.medianMillis(5, () -> orderedRows(warehouse, query, false));
                double fetchMillis = BenchTiming.medianMillis(5, () -> orderedRows(warehouse, query, true));
                double walkMillis = BenchTiming.medianMillis(5, () -> counts[0] = warehouse.funnel(query));
                // -Dbench.sql=false skips the SQL path, which takes minutes at 10M events.
                boolean timeSql = Boolean.parseBoolean(System.getProperty("bench.sql", "true"));
                double sqlMillis = timeSql
                        ? BenchTiming.medianMillis(3, () -> counts[1] = warehouse.funnelBySql(query))
                        : Double.NaN;
                if (!timeSql) counts[1] = counts[0];
                double scanMillis = BenchTiming.medianMillis(5, () -> bareScan(warehouse, query));
                if (!counts[0].equals(counts[1]))
                    throw new IllegalStateException("walk " + counts[0] + " and SQL " + counts[1] + " disagree");
                table.add(String.format(
                        Locale.ROOT,
                        "%,12d %10.0f %10.0f %10.0f %10.0f %10.0f %10.0f %8.2f %8.2f %s",
                        events,
                        loadMillis,
                        queryMillis,
                        fetchMillis,
                        walkMillis,
                        sqlMillis,
                        scanMillis,
                        walkMillis / scanMillis,
                        sqlMillis / scanMillis,
                        counts[0].usersPerStep()));
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        // Results go to the log (stderr): stdout is kept for protocol bytes everywhere in the backend.
        LOG.info("FunnelBenchmark\n{}", String.join("\n", table));
    }

    static FunnelStep step(String name) {
        return new FunnelStep(name, PropertyFilter.NONE);
    }

    static long load(DuckDbWarehouse warehouse, int users) {
        AtomicLong count = new AtomicLong();
        try (EventBatch batch = warehouse.openBatch()) {
            new SyntheticEvents(1, users, 0).forEach(event -> {
                batch.add(event);
                count.incrementAndGet();
            });
            batch.commit();
        }
        warehouse.database().withConnection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            return null;
        });
        return count.get();
    }

    /** The walk's ordered query alone: its first row, or every row read as the walk reads them. */
    static long orderedRows(DuckDbWarehouse warehouse, FunnelQuery query, boolean all) {
        SqlStatement sql = FunnelSql.orderedMatches(query, SqlDialect.DUCKDB);
        return warehouse.database().withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                List<Object> parameters = sql.parameters();
                for (int i = 0; i < parameters.size(); i++) {
                    if (parameters.get(i) instanceof Long number) statement.setLong(i + 1, number);
                    else statement.setString(i + 1, (String) parameters.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    long sum = 0;
                    while (rs.next()) {
                        sum += rs.getLong(1) + rs.getLong(2);
                        if (!all) break;
                    }
                    return sum;
                }
            }
        });
    }

    /** The same rows and columns the funnel reads, aggregated as cheaply as DuckDB allows. */
    static long bareScan(DuckDbWarehouse warehouse, FunnelQuery query) {
        return warehouse.database().withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT count(*), max(user_id), max(insert_id), max(epoch_us(ts)) FROM events "
                                    + "WHERE epoch_us(ts) BETWEEN "
                                    + query.range().fromMicros() + " AND "
                                    + query.range().toMicros()
                                    + " AND event_name IN ('visit', 'signup', 'activate', 'purchase')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
