package com.productos.analytics.measure;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaign measurements as records that point at their campaign, their insight and the run that
 * made them, in the analytics family's own store file, table {@value #TABLE}. Records are only
 * added: measuring again adds a record, so the trail of measurements stays whole.
 */
public final class MeasurementStore implements AutoCloseable {
    public static final String TABLE = "campaign_measurements";
    private final SqliteDatabase database;

    public MeasurementStore(Path storeFile) {
        this.database = SqliteDatabase.open(storeFile);
        database.migrate(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (measurement_id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, "
                        + "insight_id TEXT, run_id TEXT, created_at TEXT NOT NULL, document TEXT NOT NULL)");
    }

    /** Adds the record, or keeps the one already there under this id (a repeated idempotent call). */
    public void add(
            String measurementId,
            String campaignId,
            String insightId,
            String runId,
            String createdAt,
            ObjectNode document) {
        database.transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT OR IGNORE INTO " + TABLE
                            + " (measurement_id, campaign_id, insight_id, run_id, created_at, document) VALUES (?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, measurementId);
                statement.setString(2, campaignId);
                statement.setString(3, insightId);
                statement.setString(4, runId);
                statement.setString(5, createdAt);
                statement.setString(6, Json.canonical(document));
                statement.executeUpdate();
            }
            return null;
        });
    }

    public Optional<ObjectNode> find(String measurementId) {
        return database.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT document FROM " + TABLE + " WHERE measurement_id = ?")) {
                statement.setString(1, measurementId);
                ResultSet rows = statement.executeQuery();
                return rows.next()
                        ? Optional.of((ObjectNode) Json.parse(rows.getString(1)))
                        : Optional.<ObjectNode>empty();
            }
        });
    }

    /** The campaign's measurements, oldest first. */
    public List<ObjectNode> forCampaign(String campaignId) {
        return where("campaign_id", campaignId);
    }

    /** The measurements of campaigns made from this insight, oldest first. */
    public List<ObjectNode> forInsight(String insightId) {
        return where("insight_id", insightId);
    }

    private List<ObjectNode> where(String column, String value) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT document FROM " + TABLE + " WHERE "
                    + column + " = ? ORDER BY created_at, measurement_id")) {
                statement.setString(1, value);
                ResultSet rows = statement.executeQuery();
                List<ObjectNode> documents = new ArrayList<>();
                while (rows.next()) documents.add((ObjectNode) Json.parse(rows.getString(1)));
                return documents;
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
