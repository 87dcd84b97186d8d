package com.productos.brand;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Brand profiles as JSON documents in the workspace's SQLite file. A write replaces the document
 * and appends its audit row in one transaction.
 */
public final class SqliteBrandProfileStore implements BrandProfileStore {
    private final SqliteDatabase database;

    private SqliteBrandProfileStore(SqliteDatabase database) {
        this.database = database;
    }

    /** Opens (and creates if needed) the brand tables in the SQLite file at {@code file}. */
    public static SqliteBrandProfileStore open(Path file) {
        SqliteDatabase database = SqliteDatabase.open(file);
        try {
            database.migrate(
                    "CREATE TABLE IF NOT EXISTS brand_profiles ("
                            + " profile_id TEXT PRIMARY KEY,"
                            + " document TEXT NOT NULL CHECK (json_valid(document)),"
                            + " updated_at TEXT NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS brand_audit ("
                            + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            + " profile_id TEXT NOT NULL,"
                            + " run_id TEXT,"
                            + " actor TEXT,"
                            + " patch TEXT NOT NULL CHECK (json_valid(patch)),"
                            + " before TEXT CHECK (before IS NULL OR json_valid(before)),"
                            + " after TEXT NOT NULL CHECK (json_valid(after)),"
                            + " at TEXT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS brand_audit_by_profile ON brand_audit (profile_id, id)");
            return new SqliteBrandProfileStore(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public Optional<StoredProfile> get(String profileId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT document, updated_at FROM brand_profiles WHERE profile_id = ?")) {
                select.setString(1, profileId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) return Optional.empty();
                    return Optional.of(new StoredProfile(
                            profileId, Json.parse(row.getString(1)), Instant.parse(row.getString(2))));
                }
            }
        });
    }

    @Override
    public StoredProfile put(String profileId, JsonNode profile, BrandAuditEntry audit) {
        return database.transaction(connection -> write(connection, profileId, profile, audit));
    }

    /** The check and the write share one transaction, so no other writer can slip in between. */
    @Override
    public Optional<StoredProfile> putIfUnchanged(
            String profileId, JsonNode expectedBefore, JsonNode profile, BrandAuditEntry audit) {
        return database.transaction(connection -> {
            JsonNode current = null;
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT document FROM brand_profiles WHERE profile_id = ?")) {
                select.setString(1, profileId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) current = Json.parse(row.getString(1));
                }
            }
            if (!Objects.equals(current, expectedBefore)) return Optional.empty();
            return Optional.of(write(connection, profileId, profile, audit));
        });
    }

    private static StoredProfile write(Connection connection, String profileId, JsonNode profile, BrandAuditEntry audit)
            throws SQLException {
        String updatedAt = audit.at().toString();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO brand_profiles (profile_id, document, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (profile_id) DO UPDATE SET document = excluded.document,"
                        + " updated_at = excluded.updated_at")) {
            upsert.setString(1, profileId);
            upsert.setString(2, Json.write(profile));
            upsert.setString(3, updatedAt);
            upsert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO brand_audit (profile_id, run_id, actor, patch, before, after, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, profileId);
            insert.setString(2, audit.runId());
            insert.setString(3, audit.actor());
            insert.setString(4, audit.patch() == null ? null : Json.write(audit.patch()));
            insert.setString(5, audit.before() == null ? null : Json.write(audit.before()));
            insert.setString(6, Json.write(audit.after()));
            insert.setString(7, updatedAt);
            insert.executeUpdate();
        }
        return new StoredProfile(profileId, profile, audit.at());
    }

    /** Every recorded write of a profile, oldest first. */
    public List<BrandAuditEntry> auditTrail(String profileId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT run_id, actor, patch, before, after, at FROM brand_audit WHERE profile_id = ? ORDER BY id")) {
                select.setString(1, profileId);
                List<BrandAuditEntry> entries = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String before = row.getString(4);
                        entries.add(new BrandAuditEntry(
                                profileId,
                                row.getString(1),
                                row.getString(2),
                                Json.parse(row.getString(3)),
                                before == null ? null : Json.parse(before),
                                Json.parse(row.getString(5)),
                                Instant.parse(row.getString(6))));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
