package com.productos.bench;

import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.ColumnMapping;
import com.productos.analytics.events.EventImporter;
import com.productos.analytics.events.ImportFormat;
import com.productos.analytics.events.ImportReport;
import com.productos.analytics.fixtures.SyntheticEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Import throughput (events per second) of {@link EventImporter} from CSV and from JSONL, about 1M
 * synthetic events each, into a fresh DuckDB warehouse per run (parse, check, stage, de-duplicate,
 * commit), median of 3.
 *
 * <p>Run from java-backend/:
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx4g -cp target/test-classes:target/classes:$(cat target/cp.txt) com.productos.bench.ImportBenchmark [USERS]
 * </pre>
 */
public final class ImportBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ImportBenchmark.class);

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 320_000;
        Path dir = Files.createTempDirectory("import-bench");
        try {
            SyntheticEvents events = new SyntheticEvents(3, users, 0);
            Path csv = dir.resolve("events.csv");
            Path jsonl = dir.resolve("events.jsonl");
            events.write(csv);
            events.write(jsonl);
            List<String> table = new ArrayList<>();
            table.add(String.format(
                    Locale.ROOT, "%6s %12s %12s %14s %10s", "format", "events", "median ms", "events/s", "MB"));
            measure(
                    table,
                    dir,
                    csv,
                    ImportFormat.CSV,
                    "insert_id=insert_id,user_id=user_id,event_name=event_name,timestamp=timestamp_ms,unit=ms,prop.plan=plan,"
                            + "prop.country=country,prop.utm_source=utm_source,prop.utm_campaign=utm_campaign");
            measure(
                    table,
                    dir,
                    jsonl,
                    ImportFormat.JSONL,
                    "insert_id=insert_id,user_id=user_id,event_name=event_name,timestamp=timestamp,properties=properties");
            LOG.info("ImportBenchmark\n{}", String.join("\n", table));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void measure(List<String> table, Path dir, Path file, ImportFormat format, String mapping)
            throws Exception {
        ColumnMapping columns = ColumnMapping.parse(mapping);
        long[] imported = new long[1];
        int[] run = new int[1];
        double millis = BenchTiming.medianMillis(3, () -> {
            Path db = dir.resolve(format + "-" + run[0]++ + ".duckdb");
            try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(db))) {
                ImportReport report = new EventImporter(warehouse).importFile(file, format, columns);
                if (report.rejectedCount() > 0)
                    throw new IllegalStateException(
                            "refused rows: " + report.rejected().get(0));
                imported[0] = report.imported();
            }
            Files.deleteIfExists(db);
            return null;
        });
        table.add(String.format(
                Locale.ROOT,
                "%6s %,12d %12.0f %,14.0f %10.1f",
                format,
                imported[0],
                millis,
                imported[0] / (millis / 1000),
                Files.size(file) / 1e6));
    }
}
