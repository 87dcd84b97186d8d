package com.productos.marketing.plans;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a campaign (a plan) led to: the drafts written from its briefs and the publications of its
 * posts, each with the run that made it, in table {@value #TABLE}. Links are only added.
 */
public final class CampaignLinks {
    public static final String TABLE = "campaign_links";

    /** The kinds of record a campaign points at. */
    public enum Kind {
        DRAFT,
        PUBLICATION
    }

    private final SqliteDatabase database;

    public CampaignLinks(SqliteDatabase database) {
        this.database = database;
        database.migrate("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (plan_id TEXT NOT NULL, kind TEXT NOT NULL, ref_id TEXT NOT NULL, "
                + "run_id TEXT, created_at TEXT NOT NULL, PRIMARY KEY (plan_id, kind, ref_id))");
    }

    public void add(String planId, Kind kind, String refId, String runId, Instant at) {
        database.transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT OR IGNORE INTO " + TABLE
                    + " (plan_id, kind, ref_id, run_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
                statement.setString(1, planId);
                statement.setString(2, kind.name().toLowerCase(java.util.Locale.ROOT));
                statement.setString(3, refId);
                statement.setString(4, runId);
                statement.setString(5, at.toString());
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** The campaign's links of one kind, oldest first, as {id, run_id, created_at}. */
    public List<ObjectNode> of(String planId, Kind kind) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT ref_id, run_id, created_at FROM "
                    + TABLE + " WHERE plan_id = ? AND kind = ? ORDER BY created_at, ref_id")) {
                statement.setString(1, planId);
                statement.setString(2, kind.name().toLowerCase(java.util.Locale.ROOT));
                ResultSet rows = statement.executeQuery();
                List<ObjectNode> links = new ArrayList<>();
                while (rows.next()) {
                    ObjectNode link =
                            Json.object().put(kind == Kind.DRAFT ? "draft_id" : "campaign_id", rows.getString(1));
                    if (rows.getString(2) == null) link.putNull("run_id");
                    else link.put("run_id", rows.getString(2));
                    links.add(link.put("created_at", rows.getString(3)));
                }
                return links;
            }
        });
    }
}
