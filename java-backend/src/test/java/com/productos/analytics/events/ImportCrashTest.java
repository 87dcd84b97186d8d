package com.productos.analytics.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed in the middle of an import leaves the warehouse exactly as it was. */
class ImportCrashTest {
    @TempDir
    Path dir;

    @Test
    void aProcessKilledMidFileShouldLeaveNothingHalfImported() throws Exception {
        Path db = dir.resolve("events.duckdb");
        Path first = dir.resolve("first.csv");
        Files.writeString(first, "u,e,t\na,visit,1700000000\nb,visit,1700000001\n");
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(db))) {
            new EventImporter(warehouse)
                    .importFile(
                            first, ImportFormat.CSV, ColumnMapping.parse("user_id=u,event_name=e,timestamp=t,unit=s"));
        }
        Path big = dir.resolve("big.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(big)) {
            writer.write("u,e,t\n");
            for (int i = 0; i < 60_000; i++) writer.write("user" + (i % 5000) + ",click," + (1700000000 + i) + "\n");
        }
        Path marker = dir.resolve("midway");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        ImportCrashChild.class.getName(),
                        db.toString(),
                        big.toString(),
                        marker.toString(),
                        "40000"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
                child.waitFor(50, TimeUnit.MILLISECONDS);
            }
            assertTrue(
                    Files.exists(marker),
                    "the child never reached the middle of the file: " + Files.readString(dir.resolve("child.log")));
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(db))) {
            assertEquals(2, count(warehouse), "only the first, committed import may be there");
            ImportReport again = new EventImporter(warehouse)
                    .importFile(
                            big, ImportFormat.CSV, ColumnMapping.parse("user_id=u,event_name=e,timestamp=t,unit=s"));
            assertEquals(60_000, again.imported());
            assertEquals(60_002, count(warehouse));
        }
    }

    static long count(DuckDbWarehouse warehouse) {
        return warehouse.database().withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
