package com.productos.analytics.duckdb;

import com.productos.analytics.WarehouseException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * The embedded events warehouse: one DuckDB file, one connection, used under a lock. DuckDB runs
 * each query on all cores itself, so serialising callers costs little and keeps transactions simple.
 * A DuckDB file is opened by one process at a time.
 *
 * <p>Tables: {@code events(insert_id, user_id, event_name, ts, properties)} where {@code ts} is a
 * TIMESTAMP in UTC and {@code properties} JSON; {@code insights(...)} written by analytics.write_insight.
 */
public final class DuckDbDatabase implements AutoCloseable {
    private final Path file;
    private final DuckDBConnection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private DuckDbDatabase(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static DuckDbDatabase open(Path file) {
        try {
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS events (insert_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, "
                        + "event_name VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, properties JSON)");
                statement.execute("CREATE TABLE IF NOT EXISTS insights (insight_id VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, "
                        + "type VARCHAR NOT NULL, title VARCHAR NOT NULL, summary VARCHAR NOT NULL, severity VARCHAR NOT NULL, "
                        + "confidence DOUBLE NOT NULL, range_days INTEGER NOT NULL, context JSON, recommendations JSON NOT NULL, "
                        + "links JSON, run_id VARCHAR, report_prefix VARCHAR NOT NULL)");
            }
            return new DuckDbDatabase(file, connection);
        } catch (SQLException e) {
            throw new WarehouseException("cannot open the events warehouse " + file + ": " + e.getMessage()
                    + "; if another Product OS process has it open, stop that process or import through it", e);
        }
    }

    public Path file() {
        return file;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    DuckDBConnection connection() {
        return connection;
    }

    /** Runs {@code work} on the connection while holding the lock. */
    public <T> T withConnection(Work<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new WarehouseException("warehouse query failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Shutting down: DuckDB checkpoints what was committed.
        } finally {
            lock.unlock();
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T apply(DuckDBConnection connection) throws SQLException;
    }
}
