package com.productos.marketing.plans;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Campaign plans in the marketing store, table {@value #TABLE}, each pointing at its insight and the
 * run that made it. Plans are only added, never rewritten, so the chain from insight to measurement
 * can always be read back.
 */
public final class PlanStore {
    public static final String TABLE = "campaign_plans";
    private final SqliteDatabase database;

    public PlanStore(SqliteDatabase database) {
        this.database = database;
        database.migrate(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (plan_id TEXT PRIMARY KEY, insight_id TEXT, run_id TEXT, "
                        + "created_at TEXT NOT NULL, document TEXT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + TABLE + "_by_insight ON " + TABLE + " (insight_id)");
    }

    /** Adds the plan; a plan already stored under its id (a repeated idempotent call) is kept as it was. */
    public void add(ObjectNode plan, String runId) {
        database.transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT OR IGNORE INTO " + TABLE
                    + " (plan_id, insight_id, run_id, created_at, document) VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, plan.path("plan_id").asString());
                statement.setString(
                        2,
                        plan.path("insight_id").isString()
                                ? plan.path("insight_id").asString()
                                : null);
                statement.setString(3, runId);
                statement.setString(4, plan.path("created_at").asString());
                statement.setString(5, Json.canonical(plan));
                statement.executeUpdate();
            }
            return null;
        });
    }

    public Optional<ObjectNode> find(String planId) {
        return database.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT document FROM " + TABLE + " WHERE plan_id = ?")) {
                statement.setString(1, planId);
                ResultSet rows = statement.executeQuery();
                return rows.next()
                        ? Optional.of((ObjectNode) Json.parse(rows.getString(1)))
                        : Optional.<ObjectNode>empty();
            }
        });
    }

    /** Plans, newest first, optionally only those made from one insight. */
    public List<ObjectNode> list(String insightId, int limit) {
        return database.read(connection -> {
            String where = insightId == null ? "" : " WHERE insight_id = ?";
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT document FROM " + TABLE + where + " ORDER BY created_at DESC, plan_id DESC LIMIT ?")) {
                int index = 1;
                if (insightId != null) statement.setString(index++, insightId);
                statement.setInt(index, limit);
                ResultSet rows = statement.executeQuery();
                List<ObjectNode> plans = new ArrayList<>();
                while (rows.next()) plans.add((ObjectNode) Json.parse(rows.getString(1)));
                return plans;
            }
        });
    }
}
