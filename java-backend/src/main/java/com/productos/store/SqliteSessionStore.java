package com.productos.store;

import com.productos.common.SqliteDatabase;
import com.productos.common.StoreException;
import com.productos.json.Json;
import com.productos.supervisor.session.ModelStepRecord;
import com.productos.supervisor.session.SessionMessage;
import com.productos.supervisor.session.SessionRecord;
import com.productos.supervisor.session.SessionStatus;
import com.productos.supervisor.session.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Chat sessions in the embedded SQLite store: one row per session (counters and any paused turn as
 * JSON), and append-only tables of its model-facing conversation (one row per entry), its messages,
 * model steps and the events clients were sent. Sessions stored before the conversation had its own
 * table kept it whole in {@code supervisor_sessions.transcript}; opening the store moves it into rows.
 */
public final class SqliteSessionStore implements SessionStore {
    private static final String COLUMNS = "id, title, status, created_at, updated_at, provider, model, input_tokens,"
            + " output_tokens, cost_usd, tool_calls, model_steps, owner_id, pending";
    private final SqliteDatabase db;

    public SqliteSessionStore(SqliteDatabase db) {
        this.db = db;
        db.migrate(
                "CREATE TABLE IF NOT EXISTS supervisor_sessions (id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL,"
                        + " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,"
                        + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL,"
                        + " tool_calls INTEGER NOT NULL, model_steps INTEGER NOT NULL, owner_id TEXT,"
                        + " transcript TEXT NOT NULL, pending TEXT)",
                "CREATE INDEX IF NOT EXISTS supervisor_sessions_by_update ON supervisor_sessions(updated_at)",
                "CREATE TABLE IF NOT EXISTS supervisor_messages (session_id TEXT NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " role TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL, run_id TEXT, tool TEXT)",
                "CREATE INDEX IF NOT EXISTS supervisor_messages_by_session ON supervisor_messages(session_id, seq)",
                "CREATE TABLE IF NOT EXISTS supervisor_steps (session_id TEXT NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " turn_id TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, input_tokens INTEGER NOT NULL,"
                        + " output_tokens INTEGER NOT NULL, cost_usd REAL NOT NULL, finish_reason TEXT, elapsed_millis INTEGER NOT NULL,"
                        + " at INTEGER NOT NULL)",
                "CREATE INDEX IF NOT EXISTS supervisor_steps_by_session ON supervisor_steps(session_id, seq)",
                "CREATE TABLE IF NOT EXISTS supervisor_events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, turn_id TEXT NOT NULL,"
                        + " type TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (session_id, seq))",
                "CREATE TABLE IF NOT EXISTS supervisor_transcript (session_id TEXT NOT NULL,"
                        + " seq INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS supervisor_transcript_by_session ON supervisor_transcript(session_id, seq)");
        moveWholeTranscriptsIntoRows();
    }

    /** Old sessions: each entry of the stored JSON array becomes a row, in order, and the column is emptied. */
    private void moveWholeTranscriptsIntoRows() {
        db.transaction(connection -> {
            List<String[]> old = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT id, transcript FROM supervisor_sessions WHERE transcript <> '[]'");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) old.add(new String[] {rows.getString(1), rows.getString(2)});
            }
            for (String[] session : old) {
                JsonNode entries;
                try {
                    entries = Json.parse(session[1]);
                } catch (RuntimeException e) {
                    throw new StoreException(
                            "chat session " + session[0] + " has a stored conversation that is not JSON ("
                                    + e.getMessage() + "); the store file may be damaged",
                            e);
                }
                List<String> rows = new ArrayList<>();
                for (JsonNode entry : entries) rows.add(Json.write(entry));
                appendTranscript(connection, session[0], rows);
                try (PreparedStatement empty =
                        connection.prepareStatement("UPDATE supervisor_sessions SET transcript='[]' WHERE id=?")) {
                    empty.setString(1, session[0]);
                    empty.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void appendTranscript(Connection connection, String sessionId, List<String> entries)
            throws SQLException {
        if (entries.isEmpty()) return;
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO supervisor_transcript (session_id, entry) VALUES (?,?)")) {
            for (String entry : entries) {
                insert.setString(1, sessionId);
                insert.setString(2, entry);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void update(SessionRecord session, List<String> appendedTranscriptEntries) {
        db.transaction(connection -> {
            appendTranscript(connection, session.id(), appendedTranscriptEntries);
            updateRow(connection, session);
            return null;
        });
    }

    @Override
    public List<String> transcript(String sessionId) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT entry FROM supervisor_transcript WHERE session_id=? ORDER BY seq")) {
                select.setString(1, sessionId);
                List<String> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) entries.add(rows.getString(1));
                }
                return entries;
            }
        });
    }

    @Override
    public void insert(SessionRecord session) {
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO supervisor_sessions (" + COLUMNS
                    + ", transcript) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'[]')")) {
                bind(insert, session);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<SessionRecord> get(String sessionId) {
        return db.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM supervisor_sessions WHERE id=?")) {
                select.setString(1, sessionId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<SessionRecord> list(int limit) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM supervisor_sessions ORDER BY updated_at DESC, id DESC LIMIT ?")) {
                select.setInt(1, limit);
                return readAll(select);
            }
        });
    }

    @Override
    public List<SessionRecord> withStatus(SessionStatus status) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM supervisor_sessions WHERE status=? ORDER BY updated_at")) {
                select.setString(1, status.wireName());
                return readAll(select);
            }
        });
    }

    @Override
    public void update(SessionRecord session) {
        db.transaction(connection -> {
            updateRow(connection, session);
            return null;
        });
    }

    private static void updateRow(Connection connection, SessionRecord session) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE supervisor_sessions SET title=?, status=?,"
                + " updated_at=?, provider=?, model=?, input_tokens=?, output_tokens=?, cost_usd=?, tool_calls=?,"
                + " model_steps=?, owner_id=?, pending=? WHERE id=?")) {
            update.setString(1, session.title());
            update.setString(2, session.status().wireName());
            update.setLong(3, session.updatedAt().toEpochMilli());
            update.setString(4, session.provider());
            update.setString(5, session.model());
            update.setLong(6, session.inputTokens());
            update.setLong(7, session.outputTokens());
            update.setDouble(8, session.costUsd());
            update.setLong(9, session.toolCalls());
            update.setLong(10, session.modelSteps());
            update.setString(11, session.ownerId());
            update.setString(12, session.pendingJson());
            update.setString(13, session.id());
            update.executeUpdate();
        }
    }

    @Override
    public boolean claim(String sessionId, SessionStatus expected, SessionStatus next, String ownerId) {
        return db.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE supervisor_sessions SET status=?, owner_id=? WHERE id=? AND status=?")) {
                update.setString(1, next.wireName());
                update.setString(2, ownerId);
                update.setString(3, sessionId);
                update.setString(4, expected.wireName());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void appendMessage(String sessionId, SessionMessage message) {
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO supervisor_messages (session_id, role, text, at, run_id, tool) VALUES (?,?,?,?,?,?)")) {
                insert.setString(1, sessionId);
                insert.setString(2, message.role());
                insert.setString(3, message.text());
                insert.setLong(4, message.at().toEpochMilli());
                insert.setString(5, message.runId());
                insert.setString(6, message.tool());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<SessionMessage> messages(String sessionId) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT role, text, at, run_id, tool FROM supervisor_messages WHERE session_id=? ORDER BY seq")) {
                select.setString(1, sessionId);
                List<SessionMessage> messages = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new SessionMessage(
                                rows.getString(1),
                                rows.getString(2),
                                Instant.ofEpochMilli(rows.getLong(3)),
                                rows.getString(4),
                                rows.getString(5)));
                    }
                }
                return messages;
            }
        });
    }

    @Override
    public void appendStep(ModelStepRecord step) {
        db.transaction(connection -> {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO supervisor_steps (session_id, turn_id,"
                            + " provider, model, input_tokens, output_tokens, cost_usd, finish_reason, elapsed_millis, at)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                insert.setString(1, step.sessionId());
                insert.setString(2, step.turnId());
                insert.setString(3, step.provider());
                insert.setString(4, step.model());
                insert.setLong(5, step.inputTokens());
                insert.setLong(6, step.outputTokens());
                insert.setDouble(7, step.costUsd());
                insert.setString(8, step.finishReason());
                insert.setLong(9, step.elapsedMillis());
                insert.setLong(10, step.at().toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ModelStepRecord> steps(String sessionId) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT session_id, turn_id, provider, model,"
                    + " input_tokens, output_tokens, cost_usd, finish_reason, elapsed_millis, at FROM supervisor_steps"
                    + " WHERE session_id=? ORDER BY seq")) {
                select.setString(1, sessionId);
                List<ModelStepRecord> steps = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        steps.add(new ModelStepRecord(
                                rows.getString(1),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getLong(5),
                                rows.getLong(6),
                                rows.getDouble(7),
                                rows.getString(8),
                                rows.getLong(9),
                                Instant.ofEpochMilli(rows.getLong(10))));
                    }
                }
                return steps;
            }
        });
    }

    @Override
    public void appendEvent(String sessionId, long seq, String turnId, String type, String json) {
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO supervisor_events (session_id, seq, turn_id, type, event) VALUES (?,?,?,?,?)")) {
                insert.setString(1, sessionId);
                insert.setLong(2, seq);
                insert.setString(3, turnId);
                insert.setString(4, type);
                insert.setString(5, json);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long lastSeq(String sessionId) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) FROM supervisor_events WHERE session_id=?")) {
                select.setString(1, sessionId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, SessionRecord session) throws SQLException {
        statement.setString(1, session.id());
        statement.setString(2, session.title());
        statement.setString(3, session.status().wireName());
        statement.setLong(4, session.createdAt().toEpochMilli());
        statement.setLong(5, session.updatedAt().toEpochMilli());
        statement.setString(6, session.provider());
        statement.setString(7, session.model());
        statement.setLong(8, session.inputTokens());
        statement.setLong(9, session.outputTokens());
        statement.setDouble(10, session.costUsd());
        statement.setLong(11, session.toolCalls());
        statement.setLong(12, session.modelSteps());
        statement.setString(13, session.ownerId());
        statement.setString(14, session.pendingJson());
    }

    private static List<SessionRecord> readAll(PreparedStatement select) throws SQLException {
        List<SessionRecord> sessions = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) sessions.add(read(rows));
        }
        return sessions;
    }

    private static SessionRecord read(ResultSet rows) throws SQLException {
        return new SessionRecord(
                rows.getString(1),
                rows.getString(2),
                SessionStatus.parse(rows.getString(3)),
                Instant.ofEpochMilli(rows.getLong(4)),
                Instant.ofEpochMilli(rows.getLong(5)),
                rows.getString(6),
                rows.getString(7),
                rows.getLong(8),
                rows.getLong(9),
                rows.getDouble(10),
                rows.getLong(11),
                rows.getLong(12),
                rows.getString(13),
                rows.getString(14));
    }
}
