package com.productos.store;

import com.productos.common.SqliteDatabase;
import com.productos.control.ErrorCode;
import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.runs.RunArtifact;
import com.productos.runs.RunError;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import com.productos.runs.RunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Runs, their log lines and idempotency keys in the embedded SQLite store. */
public final class SqliteRunStore implements RunStore {
    private static final String COLUMNS = "seq, id, tool, actor, input, input_hash, status, output, error, "
            + "idempotency_key, session_id, approval_id, created_at, started_at, finished_at, updated_at, artifacts";
    private final SqliteDatabase db;
    private final Clock clock;

    public SqliteRunStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.migrate(
                "CREATE TABLE IF NOT EXISTS runs ("
                        + " seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tool TEXT NOT NULL,"
                        + " actor TEXT NOT NULL, input TEXT NOT NULL, input_hash TEXT NOT NULL, status TEXT NOT NULL,"
                        + " output TEXT, error TEXT, idempotency_key TEXT, session_id TEXT, approval_id TEXT,"
                        + " created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER,"
                        + " updated_at INTEGER NOT NULL, artifacts TEXT, owner TEXT)",
                "CREATE INDEX IF NOT EXISTS runs_by_status ON runs(status)",
                "CREATE INDEX IF NOT EXISTS runs_by_tool ON runs(tool, seq)",
                "CREATE INDEX IF NOT EXISTS runs_by_session ON runs(session_id, seq)",
                "CREATE INDEX IF NOT EXISTS runs_by_key ON runs(tool, idempotency_key)",
                "CREATE TABLE IF NOT EXISTS run_logs (run_id TEXT NOT NULL, seq INTEGER NOT NULL,"
                        + " ts INTEGER NOT NULL, severity TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (run_id, seq))");
    }

    @Override
    public void insert(Run run, String ownerId) {
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO runs (id, tool, actor, input, input_hash, status, output, error, idempotency_key,"
                            + " session_id, approval_id, created_at, started_at, finished_at, updated_at, artifacts, owner)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                insert.setString(1, run.id());
                insert.setString(2, run.tool());
                insert.setString(3, run.actor());
                insert.setString(4, Json.write(run.input()));
                insert.setString(5, run.inputHash());
                bindMutable(insert, 6, run);
                insert.setLong(12, run.createdAt().toEpochMilli());
                setInstant(insert, 13, run.startedAt());
                setInstant(insert, 14, run.finishedAt());
                insert.setLong(15, run.updatedAt().toEpochMilli());
                insert.setString(16, Json.write(run.artifacts()));
                insert.setString(17, ownerId);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean update(Run run) {
        return db.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET status=?, output=?, error=?, idempotency_key=?, session_id=?, approval_id=?,"
                            + " started_at=?, finished_at=?, updated_at=?, artifacts=? WHERE id=?")) {
                bindMutable(update, 1, run);
                setInstant(update, 7, run.startedAt());
                setInstant(update, 8, run.finishedAt());
                update.setLong(9, run.updatedAt().toEpochMilli());
                update.setString(10, Json.write(run.artifacts()));
                update.setString(11, run.id());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Binds status, output, error, idempotency key, session id and approval id from {@code first}. */
    private static void bindMutable(PreparedStatement statement, int first, Run run) throws SQLException {
        statement.setString(first, run.status().wireName());
        statement.setString(first + 1, run.output() == null ? null : Json.write(run.output()));
        statement.setString(first + 2, run.error() == null ? null : Json.write(run.error()));
        statement.setString(first + 3, run.idempotencyKey());
        statement.setString(first + 4, run.sessionId());
        statement.setString(first + 5, run.approvalId());
    }

    @Override
    public Optional<Run> get(String runId) {
        return db.read(connection -> queryOne(connection, "SELECT " + COLUMNS + " FROM runs WHERE id=?", runId));
    }

    @Override
    public Optional<Run> getWithLogs(String runId) {
        return get(runId).map(run -> run.withLogs(logs(runId, 0, 10_000)));
    }

    @Override
    public RunPage list(RunQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (query.tool() != null) {
            sql.append(" AND tool=?");
            args.add(query.tool());
        }
        if (query.status() != null) {
            sql.append(" AND status=?");
            args.add(query.status().wireName());
        }
        if (query.actor() != null) {
            sql.append(" AND actor=?");
            args.add(query.actor());
        }
        if (query.sessionId() != null) {
            sql.append(" AND session_id=?");
            args.add(query.sessionId());
        }
        if (query.beforeCursor() != null) {
            long before;
            try {
                before = Long.parseLong(query.beforeCursor());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "cursor '" + query.beforeCursor() + "' is not one this store gave out");
            }
            sql.append(" AND seq<?");
            args.add(before);
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args.add(query.limit() + 1);
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) select.setObject(i + 1, args.get(i));
                List<Run> runs = new ArrayList<>();
                long lastSeq = 0;
                boolean more = false;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (runs.size() == query.limit()) {
                            more = true;
                            break;
                        }
                        lastSeq = rows.getLong("seq");
                        runs.add(readRun(rows));
                    }
                }
                return new RunPage(runs, more ? Long.toString(lastSeq) : null);
            }
        });
    }

    @Override
    public RunLogLine appendLog(String runId, String severity, String text) {
        Instant now = clock.instant();
        return db.transaction(connection -> {
            long next;
            try (PreparedStatement max =
                    connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM run_logs WHERE run_id=?")) {
                max.setString(1, runId);
                try (ResultSet rows = max.executeQuery()) {
                    rows.next();
                    next = rows.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO run_logs (run_id, seq, ts, severity, text) VALUES (?,?,?,?,?)")) {
                insert.setString(1, runId);
                insert.setLong(2, next);
                insert.setLong(3, now.toEpochMilli());
                insert.setString(4, severity);
                insert.setString(5, text);
                insert.executeUpdate();
            }
            return new RunLogLine(runId, next, now, severity, text);
        });
    }

    @Override
    public List<RunLogLine> logs(String runId, long afterSequence, int limit) {
        return db.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, ts, severity, text FROM run_logs WHERE run_id=? AND seq>? ORDER BY seq LIMIT ?")) {
                select.setString(1, runId);
                select.setLong(2, afterSequence);
                select.setInt(3, limit);
                List<RunLogLine> lines = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new RunLogLine(
                                runId,
                                rows.getLong(1),
                                Instant.ofEpochMilli(rows.getLong(2)),
                                rows.getString(3),
                                rows.getString(4)));
                    }
                }
                return lines;
            }
        });
    }

    @Override
    public Optional<Run> findByIdempotencyKey(String tool, String idempotencyKey) {
        return db.read(connection -> queryOne(
                connection,
                "SELECT " + COLUMNS + " FROM runs WHERE tool=? AND idempotency_key=? ORDER BY seq DESC LIMIT 1",
                tool,
                idempotencyKey));
    }

    @Override
    public int interruptOrphans(Predicate<String> ownerAlive) {
        return db.transaction(connection -> {
            List<String> orphans = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT id, owner FROM runs WHERE status IN ('queued', 'running')");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!ownerAlive.test(rows.getString(2))) orphans.add(rows.getString(1));
                }
            }
            long now = clock.instant().toEpochMilli();
            RunError why = RunError.of(
                    ErrorCode.InternalError,
                    "the backend stopped while this run was in flight; check the tool's target and run it again");
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE runs SET status='interrupted', error=?, finished_at=?, updated_at=? WHERE id=?")) {
                for (String id : orphans) {
                    update.setString(1, Json.write(why));
                    update.setLong(2, now);
                    update.setLong(3, now);
                    update.setString(4, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return orphans.size();
        });
    }

    private static Optional<Run> queryOne(Connection connection, String sql, String... args) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) select.setString(i + 1, args[i]);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(readRun(rows)) : Optional.empty();
            }
        }
    }

    private static Run readRun(ResultSet rows) throws SQLException {
        String output = rows.getString("output");
        String error = rows.getString("error");
        String artifacts = rows.getString("artifacts");
        return new Run(
                rows.getString("id"),
                rows.getString("tool"),
                rows.getString("actor"),
                Json.parse(rows.getString("input")),
                rows.getString("input_hash"),
                RunStatus.parse(rows.getString("status")).orElseThrow(),
                output == null ? null : Json.parse(output),
                error == null ? null : readError(Json.parse(error)),
                rows.getString("idempotency_key"),
                rows.getString("session_id"),
                rows.getString("approval_id"),
                instant(rows, "created_at"),
                instant(rows, "started_at"),
                instant(rows, "finished_at"),
                instant(rows, "updated_at"),
                artifacts == null
                        ? List.of()
                        : Json.MAPPER.readValue(artifacts, new TypeReference<List<RunArtifact>>() {}),
                List.of());
    }

    private static RunError readError(JsonNode node) {
        JsonNode details = node.get("details");
        return new RunError(
                node.path("code").asString(),
                node.path("numericCode").asInt(),
                node.path("message").asString(),
                details == null || details.isNull() ? null : details);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) statement.setNull(index, Types.INTEGER);
        else statement.setLong(index, value.toEpochMilli());
    }
}
