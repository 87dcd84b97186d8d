package com.productos.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.common.SqliteDatabase;
import com.productos.common.StoreException;
import com.productos.supervisor.session.SessionRecord;
import com.productos.supervisor.session.SessionStatus;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest {
    @TempDir
    Path folder;

    @Test
    void entriesAppendedStepByStepShouldReadBackInOrderPerSession() {
        try (SqliteDatabase db = SqliteDatabase.open(folder.resolve("productos.db"))) {
            SqliteSessionStore store = new SqliteSessionStore(db);
            SessionRecord a = session("ses-a");
            SessionRecord b = session("ses-b");
            store.insert(a);
            store.insert(b);
            store.update(a, List.of("{\"kind\":\"user\",\"text\":\"1\"}", "{\"kind\":\"user\",\"text\":\"2\"}"));
            store.update(b, List.of("{\"kind\":\"user\",\"text\":\"b1\"}"));
            store.update(a.withStatus(SessionStatus.IDLE, null, Instant.EPOCH), List.of());
            store.update(a, List.of("{\"kind\":\"user\",\"text\":\"3\"}"));
            assertEquals(
                    List.of(
                            "{\"kind\":\"user\",\"text\":\"1\"}",
                            "{\"kind\":\"user\",\"text\":\"2\"}",
                            "{\"kind\":\"user\",\"text\":\"3\"}"),
                    store.transcript("ses-a"));
            assertEquals(List.of("{\"kind\":\"user\",\"text\":\"b1\"}"), store.transcript("ses-b"));
            assertEquals(List.of(), store.transcript("ses-none"));
        }
    }

    @Test
    void aSessionStoredWithItsWholeTranscriptInOneColumnShouldBeMovedIntoRowsWhenTheStoreOpens() throws Exception {
        Path file = folder.resolve("productos.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            createOldSchema(db);
            insertOld(
                    db,
                    "ses-old",
                    "[{\"kind\":\"user\",\"text\":\"deploy web\"},"
                            + "{\"kind\":\"model\",\"text\":\"\",\"calls\":[{\"callId\":\"c1\",\"tool\":\"t\"}]},"
                            + "{\"kind\":\"results\",\"results\":[{\"callId\":\"c1\",\"tool\":\"t\",\"content\":\"ok\","
                            + "\"isError\":false}]}]");
            insertOld(db, "ses-empty", "[]");
        }
        for (int open = 0; open < 2; open++) { // a second open finds nothing left to move
            try (SqliteDatabase db = SqliteDatabase.open(file)) {
                SqliteSessionStore store = new SqliteSessionStore(db);
                List<String> entries = store.transcript("ses-old");
                assertEquals(3 + open, entries.size(), entries.toString());
                assertTrue(entries.get(0).contains("deploy web"), entries.get(0));
                assertTrue(entries.get(1).contains("\"kind\":\"model\""), entries.get(1));
                assertTrue(entries.get(2).contains("\"kind\":\"results\""), entries.get(2));
                assertEquals(List.of(), store.transcript("ses-empty"));
                assertEquals("[]", oldColumn(db, "ses-old"));
                assertEquals(
                        SessionStatus.IDLE, store.get("ses-old").orElseThrow().status());
                store.update(store.get("ses-old").orElseThrow(), List.of("{\"kind\":\"user\",\"text\":\"again\"}"));
                assertEquals(4 + open, store.transcript("ses-old").size());
            }
        }
    }

    @Test
    void anOldTranscriptThatIsNotJsonShouldStopTheStoreWithTheSessionNamed() throws Exception {
        Path file = folder.resolve("productos.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            createOldSchema(db);
            insertOld(db, "ses-broken", "[{\"kind\":");
            StoreException e = assertThrows(StoreException.class, () -> new SqliteSessionStore(db));
            assertTrue(e.getMessage().contains("ses-broken"), e.getMessage());
            assertEquals("[{\"kind\":", oldColumn(db, "ses-broken"), "nothing half-moved");
        }
    }

    private static SessionRecord session(String id) {
        return new SessionRecord(
                id,
                "t",
                SessionStatus.RUNNING,
                Instant.EPOCH,
                Instant.EPOCH,
                "offline",
                "planner",
                0,
                0,
                0,
                0,
                0,
                null,
                null);
    }

    /** The sessions table as it was before the conversation had its own table. */
    private static void createOldSchema(SqliteDatabase db) {
        db.migrate("CREATE TABLE supervisor_sessions (id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL,"
                + " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,"
                + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,"
                + " tool_calls INTEGER NOT NULL, model_steps INTEGER NOT NULL, owner_id TEXT,"
                + " transcript TEXT NOT NULL, pending TEXT)");
    }

    private static void insertOld(SqliteDatabase db, String id, String transcript) {
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO supervisor_sessions VALUES (?, 't', 'idle', 0, 0, 'offline', 'planner', 0, 0, 0, 0, 0,"
                            + " NULL, ?, NULL)")) {
                insert.setString(1, id);
                insert.setString(2, transcript);
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static String oldColumn(SqliteDatabase db, String id) {
        return db.read(connection -> {
            try (Statement select = connection.createStatement();
                    ResultSet rows =
                            select.executeQuery("SELECT transcript FROM supervisor_sessions WHERE id='" + id + "'")) {
                rows.next();
                return rows.getString(1);
            }
        });
    }
}
