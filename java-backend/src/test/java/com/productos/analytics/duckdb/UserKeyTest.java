package com.productos.analytics.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.productos.analytics.TimeRange;
import com.productos.analytics.events.Event;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.funnel.FunnelStep;
import com.productos.analytics.sql.PropertyFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integer user key funnels sort on: filled for files written before it existed, and on every insert. */
class UserKeyTest {
    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    static Event event(String user, String name, long minutes, String insertId) {
        return new Event(user, name, T0.plusSeconds(minutes * 60), null, insertId);
    }

    /** user_id -> user_key of every stored event, checking that one user never has two keys. */
    static Map<String, Long> keysByUser(DuckDbDatabase database) {
        return database.withConnection(connection -> {
            Map<String, Long> keys = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT user_id, user_key FROM events")) {
                while (rs.next()) {
                    long key = rs.getLong(2);
                    assertEquals(false, rs.wasNull(), "event of " + rs.getString(1) + " has no user_key");
                    Long before = keys.put(rs.getString(1), key);
                    if (before != null) assertEquals(before, key, "user " + rs.getString(1) + " has two keys");
                }
            }
            return keys;
        });
    }

    static long count(DuckDbDatabase database, String sql) {
        return database.withConnection(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** name:type:nullable of every events column, in order. */
    static List<String> columns(DuckDbDatabase database) {
        return database.withConnection(connection -> {
            List<String> columns = new java.util.ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                                    + "WHERE table_name = 'events' ORDER BY ordinal_position")) {
                while (rs.next()) columns.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
            }
            return columns;
        });
    }

    static List<Long> funnel(DuckDbWarehouse warehouse) {
        return warehouse
                .funnel(new FunnelQuery(
                        "f",
                        List.of(
                                new FunnelStep("visit", PropertyFilter.NONE),
                                new FunnelStep("signup", PropertyFilter.NONE)),
                        PropertyFilter.NONE,
                        14,
                        new TimeRange(30, T0.plusSeconds(86400))))
                .usersPerStep();
    }

    @Test
    void fileWithoutUserKeysShouldGetThemOnOpenAndKeepThemOnReopen() throws Exception {
        Path file = dir.resolve("old.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            // The events table as files written before user_key have it.
            statement.execute("CREATE TABLE events (insert_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, "
                    + "event_name VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, properties JSON)");
            statement.execute(
                    "INSERT INTO events VALUES ('a1', 'u1', 'visit', TIMESTAMP '2026-02-01 00:00:00', NULL), "
                            + "('a2', 'u1', 'signup', TIMESTAMP '2026-02-01 00:05:00', NULL), ('b1', 'u2', 'visit', TIMESTAMP '2026-02-01 00:01:00', NULL)");
        }
        List<String> freshColumns;
        try (DuckDbDatabase fresh = DuckDbDatabase.open(dir.resolve("fresh.duckdb"))) {
            freshColumns = columns(fresh);
        }
        Map<String, Long> first;
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(file))) {
            assertEquals(
                    freshColumns,
                    columns(warehouse.database()),
                    "the rewritten events table should be declared as a new file's is");
            first = keysByUser(warehouse.database());
            assertEquals(2, first.size());
            assertNotEquals(first.get("u1"), first.get("u2"));
            assertEquals(List.of(2L, 1L), funnel(warehouse));
        }
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(file))) {
            assertEquals(first, keysByUser(warehouse.database()));
            assertEquals(2, count(warehouse.database(), "SELECT count(*) FROM users"));
            warehouse.insert(List.of(event("u2", "signup", 3, "b2"), event("u3", "visit", 4, "c1")));
            Map<String, Long> after = keysByUser(warehouse.database());
            assertEquals(first.get("u1"), after.get("u1"));
            assertEquals(first.get("u2"), after.get("u2"));
            assertEquals(3, after.values().stream().distinct().count());
            assertEquals(List.of(3L, 2L), funnel(warehouse));
        }
    }

    @Test
    void laterBatchesShouldReuseKeysAndStillStoreEachInsertIdOnce() {
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("events.duckdb")))) {
            warehouse.insert(List.of(event("u1", "visit", 0, "a1"), event("u2", "visit", 1, "b1")));
            Map<String, Long> first = keysByUser(warehouse.database());
            warehouse.insert(List.of(
                    event("u1", "signup", 5, "a2"),
                    event("u1", "signup", 5, "a2"),
                    event("u2", "visit", 1, "b1"),
                    event("u3", "visit", 2, "c1")));
            Map<String, Long> after = keysByUser(warehouse.database());
            assertEquals(first.get("u1"), after.get("u1"));
            assertEquals(first.get("u2"), after.get("u2"));
            assertEquals(3, after.values().stream().distinct().count());
            assertEquals(4, count(warehouse.database(), "SELECT count(*) FROM events"));
            assertEquals(3, count(warehouse.database(), "SELECT count(DISTINCT user_id) FROM users"));
            assertEquals(3, count(warehouse.database(), "SELECT count(*) FROM users"));
            assertEquals(List.of(3L, 1L), funnel(warehouse));
        }
    }
}
