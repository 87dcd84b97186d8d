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
 * <p>Tables: {@code events(insert_id, user_id, event_name, ts, properties, user_key)} where {@code ts}
 * is a TIMESTAMP in UTC, {@code properties} JSON and {@code user_key} the user's number in
 * {@code users(user_id, user_key)}; {@code insights(...)} written by analytics.write_insight. Funnels
 * partition and sort by {@code user_key}, since integers sort faster than user id strings (about a
 * quarter of a 4-step funnel's time on 10M events).
 */
public final class DuckDbDatabase implements AutoCloseable {
    private static final String EVENTS_COLUMNS = "(insert_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, "
            + "event_name VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, properties JSON, user_key BIGINT)";
    private final Path file;
    private final DuckDBConnection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private DuckDbDatabase(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static DuckDbDatabase open(Path file) {
        try {
            DuckDBConnection connection =
                    (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS events " + EVENTS_COLUMNS);
                statement.execute(
                        "CREATE TABLE IF NOT EXISTS users (user_id VARCHAR NOT NULL, user_key BIGINT NOT NULL)");
                statement.execute(
                        "CREATE TABLE IF NOT EXISTS insights (insight_id VARCHAR PRIMARY KEY, created_at TIMESTAMP NOT NULL, "
                                + "type VARCHAR NOT NULL, title VARCHAR NOT NULL, summary VARCHAR NOT NULL, severity VARCHAR NOT NULL, "
                                + "confidence DOUBLE NOT NULL, range_days INTEGER NOT NULL, context JSON, recommendations JSON NOT NULL, "
                                + "links JSON, run_id VARCHAR, report_prefix VARCHAR NOT NULL)");
            }
            addUserKeys(connection);
            return new DuckDbDatabase(file, connection);
        } catch (SQLException e) {
            throw new WarehouseException(cannotOpen(file, e), e);
        }
    }

    /** Why the file cannot be opened and what to do, in words (DuckDB's own text names its internals). */
    private static String cannotOpen(Path file, SQLException e) {
        String said = String.valueOf(e.getMessage());
        if (said.contains("lock")) {
            return "cannot open the events warehouse " + file + ": another process holds it open; stop that process,"
                    + " or import and query through the Product OS backend that has it";
        }
        if (said.contains("not a valid DuckDB database") || said.contains("orrupt") || said.contains("checksum")) {
            return "the events warehouse " + file
                    + " is damaged or is not a DuckDB database; move it aside (for example"
                    + " mv " + file + " " + file + ".broken) and restart Product OS: a new, empty warehouse is created"
                    + " there, then import the events again";
        }
        return "cannot open the events warehouse " + file + "; if it is damaged, move it aside (for example mv " + file
                + " " + file + ".broken) and restart Product OS, then import the events again";
    }

    /**
     * Files written before {@code user_key} existed: adds the column, numbers their users and rewrites
     * the events in user key then time order (as imports store them), in one transaction. Does nothing
     * when every event has its key, so it is safe on every open.
     */
    private static void addUserKeys(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS user_key BIGINT");
            try (var rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM events WHERE user_key IS NULL)")) {
                rs.next();
                if (!rs.getBoolean(1)) return;
            }
            connection.setAutoCommit(false);
            try {
                statement.execute(
                        "CREATE TEMP TABLE keyless_users AS SELECT DISTINCT user_id FROM events WHERE user_key IS NULL");
                keyUsers(statement, "keyless_users", "keyless_user_keys");
                statement.execute("CREATE TABLE events_keyed " + EVENTS_COLUMNS);
                statement.execute(
                        "INSERT INTO events_keyed SELECT e.insert_id, e.user_id, e.event_name, e.ts, e.properties, "
                                + "coalesce(e.user_key, k.user_key) AS key FROM events e LEFT JOIN keyless_user_keys k "
                                + "ON k.user_id = e.user_id ORDER BY key, e.ts");
                statement.execute("DROP TABLE events");
                statement.execute("ALTER TABLE events_keyed RENAME TO events");
                statement.execute("DROP TABLE keyless_users");
                statement.execute("DROP TABLE keyless_user_keys");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Creates the temporary table {@code keys(user_id, is_new, user_key)} holding the key of every user id in
     * {@code source} (a table with a {@code user_id} column), giving ids that have none the next free
     * keys and recording those in {@code users}. Reads {@code users} once: that scan is most of what
     * keying costs a small batch.
     */
    static void keyUsers(Statement statement, String source, String keys) throws SQLException {
        statement.execute("CREATE TEMP TABLE " + keys + " AS SELECT d.user_id, u.user_key IS NULL AS is_new, "
                + "coalesce(u.user_key, (SELECT coalesce(max(user_key), 0) FROM users) + row_number() OVER ()) AS user_key "
                + "FROM (SELECT DISTINCT user_id FROM " + source + ") d LEFT JOIN users u ON u.user_id = d.user_id");
        statement.execute(
                "INSERT INTO users (user_id, user_key) SELECT user_id, user_key FROM " + keys + " WHERE is_new");
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
