package com.productos.analytics.duckdb;

import com.productos.analytics.WarehouseException;
import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventBatch;
import com.productos.analytics.events.EventKeys;
import com.productos.analytics.events.IngestResult;
import com.productos.json.Json;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stages events in a table created inside an open transaction (fast appender writes), then moves the
 * ones not already stored into {@code events} and commits. Until the commit nothing is visible, and a
 * crash rolls the whole batch back: DuckDB's write-ahead log never replays an uncommitted transaction.
 * New users get their {@code user_key} in the same transaction.
 */
final class DuckDbEventBatch implements EventBatch {
    private static final AtomicLong COUNTER = new AtomicLong();
    private final DuckDbDatabase database;
    private final DuckDBConnection connection;
    private final String stagingTable;
    private DuckDBAppender appender;
    private long staged;
    private boolean finished;

    DuckDbEventBatch(DuckDbDatabase database) {
        this.database = database;
        this.database.lock();
        this.connection = database.connection();
        this.stagingTable = "events_staging_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE TEMP TABLE " + stagingTable
                                + " (ord BIGINT, insert_id VARCHAR, user_id VARCHAR, event_name VARCHAR, ts_us BIGINT, properties VARCHAR)");
            }
            appender = connection.createAppender("temp", "main", stagingTable);
        } catch (SQLException e) {
            abandon();
            throw new WarehouseException("cannot start an event batch: " + e.getMessage(), e);
        }
    }

    @Override
    public void add(Event event) {
        if (finished) throw new IllegalStateException("batch already finished");
        try {
            appender.beginRow();
            appender.append(staged++);
            appender.append(event.insertId());
            appender.append(event.userId());
            appender.append(event.eventName());
            appender.append(EventKeys.epochMicros(event.timestamp()));
            if (event.properties() == null) appender.appendNull();
            else appender.append(Json.write(event.properties()));
            appender.endRow();
        } catch (SQLException e) {
            throw new WarehouseException("cannot stage an event: " + e.getMessage(), e);
        }
    }

    @Override
    public IngestResult commit() {
        if (finished) throw new IllegalStateException("batch already finished");
        try {
            appender.close();
            appender = null;
            long inserted;
            try (Statement statement = connection.createStatement()) {
                // The first copy of each insert id wins (hash aggregate, no sort); ids already stored are skipped.
                DuckDbDatabase.keyUsers(statement, stagingTable, stagingTable + "_keys");
                inserted = statement.executeUpdate(
                        "INSERT INTO events (insert_id, user_id, event_name, ts, properties, user_key) "
                                + "SELECT s.insert_id, s.user_id, s.event_name, make_timestamp(s.ts_us), s.properties::JSON, u.user_key FROM "
                                + stagingTable
                                + " s JOIN (SELECT min(ord) AS ord FROM " + stagingTable
                                + " GROUP BY insert_id) first_copy ON s.ord = first_copy.ord"
                                + " JOIN " + stagingTable + "_keys u ON u.user_id = s.user_id"
                                + " WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.insert_id = s.insert_id)"
                                // Stored in user then time order: the funnel's per-user sorts find long presorted runs.
                                + " ORDER BY u.user_key, s.ts_us");
                statement.execute("DROP TABLE " + stagingTable);
                statement.execute("DROP TABLE " + stagingTable + "_keys");
            }
            connection.commit();
            return new IngestResult(inserted, staged - inserted);
        } catch (SQLException e) {
            throw new WarehouseException("cannot store the events (nothing was stored): " + e.getMessage(), e);
        } finally {
            abandon();
        }
    }

    @Override
    public void close() {
        if (!finished) abandon();
    }

    private void abandon() {
        if (finished) return;
        finished = true;
        try {
            if (appender != null) appender.close();
        } catch (SQLException ignored) {
            // The rollback below discards whatever the appender held.
        }
        try {
            if (!connection.getAutoCommit()) connection.rollback();
        } catch (SQLException ignored) {
            // Already committed or the connection is gone: either way nothing half-written remains.
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The next batch sets it again.
        }
        database.unlock();
    }
}
