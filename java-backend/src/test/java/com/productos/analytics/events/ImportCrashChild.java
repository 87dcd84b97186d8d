package com.productos.analytics.events;

import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process for {@link ImportCrashTest}: imports a CSV and, after staging a given number of
 * events, writes a marker file and blocks on stdin (which the parent never writes), so the parent
 * can kill it at a known point in the middle of the file.
 *
 * <p>Arguments: DB_FILE CSV_FILE MARKER_FILE EVENTS_BEFORE_MARKER
 */
public final class ImportCrashChild {
    public static void main(String[] args) throws Exception {
        Path marker = Path.of(args[2]);
        long markAfter = Long.parseLong(args[3]);
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(Path.of(args[0])))) {
            EventSink pausing = () -> new EventBatch() {
                private final EventBatch inner = warehouse.openBatch();
                private long added;

                @Override
                public void add(Event event) {
                    inner.add(event);
                    if (++added == markAfter) {
                        try {
                            Files.writeString(marker, Long.toString(added));
                            System.in.read();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }

                @Override
                public IngestResult commit() {
                    return inner.commit();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
            new EventImporter(pausing)
                    .importFile(
                            Path.of(args[1]),
                            ImportFormat.CSV,
                            ColumnMapping.parse("user_id=u,event_name=e,timestamp=t,unit=s"));
        }
    }
}
