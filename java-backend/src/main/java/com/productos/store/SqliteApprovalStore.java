package com.productos.store;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.ApprovalStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;

/** Approvals in the embedded SQLite store; decisions are compare-and-set so one approval is decided once. */
public final class SqliteApprovalStore implements ApprovalStore {
    private static final String COLUMNS =
            "id, run_id, tool, input_hash, actor, status, reasons, created_at, expires_at, decided_at, decided_by, note";
    private final SqliteDatabase db;

    public SqliteApprovalStore(SqliteDatabase db) {
        this.db = db;
        db.migrate(
                "CREATE TABLE IF NOT EXISTS approvals (id TEXT PRIMARY KEY, run_id TEXT NOT NULL, tool TEXT NOT NULL,"
                        + " input_hash TEXT NOT NULL, actor TEXT NOT NULL, status TEXT NOT NULL, reasons TEXT NOT NULL,"
                        + " created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, decided_at INTEGER,"
                        + " decided_by TEXT, note TEXT)",
                "CREATE INDEX IF NOT EXISTS approvals_by_status ON approvals(status, created_at)");
    }

    @Override
    public void insert(Approval approval) {
        db.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO approvals (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                insert.setString(1, approval.id());
                insert.setString(2, approval.runId());
                insert.setString(3, approval.tool());
                insert.setString(4, approval.inputHash());
                insert.setString(5, approval.actor());
                insert.setString(6, approval.status().wireName());
                insert.setString(7, Json.write(approval.reasons()));
                insert.setLong(8, approval.createdAt().toEpochMilli());
                insert.setLong(9, approval.expiresAt().toEpochMilli());
                if (approval.decidedAt() == null) insert.setNull(10, Types.INTEGER);
                else insert.setLong(10, approval.decidedAt().toEpochMilli());
                insert.setString(11, approval.decidedBy());
                insert.setString(12, approval.note());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Approval> get(String approvalId) {
        return db.read(connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM approvals WHERE id=?")) {
                select.setString(1, approvalId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Approval> list(ApprovalStatus statusOrNull, int limit) {
        return db.read(connection -> {
            String where = statusOrNull == null ? "" : " WHERE status=?";
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM approvals" + where + " ORDER BY created_at DESC LIMIT ?")) {
                int index = 1;
                if (statusOrNull != null) select.setString(index++, statusOrNull.wireName());
                select.setInt(index, limit);
                List<Approval> approvals = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) approvals.add(read(rows));
                }
                return approvals;
            }
        });
    }

    @Override
    public Optional<Approval> transition(
            String approvalId,
            ApprovalStatus expected,
            ApprovalStatus next,
            Instant at,
            String decidedBy,
            String note) {
        boolean changed = db.transaction(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE approvals SET status=?, decided_at=COALESCE(decided_at, ?),"
                            + " decided_by=COALESCE(decided_by, ?), note=COALESCE(note, ?) WHERE id=? AND status=?")) {
                update.setString(1, next.wireName());
                update.setLong(2, at.toEpochMilli());
                update.setString(3, decidedBy);
                update.setString(4, note);
                update.setString(5, approvalId);
                update.setString(6, expected.wireName());
                return update.executeUpdate() == 1;
            }
        });
        return changed ? get(approvalId) : Optional.empty();
    }

    private static Approval read(ResultSet rows) throws SQLException {
        long decided = rows.getLong("decided_at");
        Instant decidedAt = rows.wasNull() ? null : Instant.ofEpochMilli(decided);
        return new Approval(
                rows.getString("id"),
                rows.getString("run_id"),
                rows.getString("tool"),
                rows.getString("input_hash"),
                rows.getString("actor"),
                ApprovalStatus.parse(rows.getString("status")).orElseThrow(),
                Json.MAPPER.readValue(rows.getString("reasons"), new TypeReference<List<String>>() {}),
                Instant.ofEpochMilli(rows.getLong("created_at")),
                Instant.ofEpochMilli(rows.getLong("expires_at")),
                decidedAt,
                rows.getString("decided_by"),
                rows.getString("note"));
    }
}
