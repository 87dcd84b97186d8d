package com.productos.marketing.drafts;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Campaign drafts in the workspace's SQLite file. Each post's (channel, text) hash is indexed so a
 * publish of exactly a draft's posts can be traced back to the draft without the publish input
 * having to carry a draft id.
 */
public final class DraftStore {
    private final SqliteDatabase database;

    public DraftStore(SqliteDatabase database) {
        this.database = database;
        database.migrate(
                "CREATE TABLE IF NOT EXISTS marketing_drafts (draft_id TEXT PRIMARY KEY, brand_profile_id TEXT NOT NULL,"
                        + " insight_id TEXT, brief_json TEXT NOT NULL, constraints_json TEXT NOT NULL,"
                        + " channels_json TEXT NOT NULL, warnings_json TEXT NOT NULL, review_json TEXT NOT NULL,"
                        + " claim_heavy INTEGER NOT NULL, generator TEXT NOT NULL, run_id TEXT, status TEXT NOT NULL,"
                        + " campaign_id TEXT, revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS marketing_draft_posts (draft_id TEXT NOT NULL REFERENCES marketing_drafts(draft_id),"
                        + " post_hash TEXT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS marketing_draft_posts_hash ON marketing_draft_posts(post_hash)",
                "CREATE INDEX IF NOT EXISTS marketing_drafts_insight ON marketing_drafts(insight_id)");
    }

    /** Inserts a new draft or replaces an existing one (same id) with its post index, in one transaction. */
    public void save(CampaignDraft draft) {
        saveIfRevision(draft, null);
    }

    /**
     * Saves {@code draft} only if the stored draft is still at {@code expectedRevision} (null: whatever
     * it is), so two people editing at once cannot silently overwrite each other. Returns whether it saved.
     */
    public boolean saveIfRevision(CampaignDraft draft, Integer expectedRevision) {
        return database.transaction(connection -> {
            if (expectedRevision != null) {
                try (PreparedStatement check =
                        connection.prepareStatement("SELECT revision FROM marketing_drafts WHERE draft_id = ?")) {
                    check.setString(1, draft.draftId());
                    try (ResultSet rows = check.executeQuery()) {
                        if (!rows.next() || rows.getInt(1) != expectedRevision) return false;
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT OR REPLACE INTO marketing_drafts"
                    + " (draft_id, brand_profile_id, insight_id, brief_json, constraints_json, channels_json, warnings_json,"
                    + " review_json, claim_heavy, generator, run_id, status, campaign_id, revision, created_at, updated_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                statement.setString(1, draft.draftId());
                statement.setString(2, draft.brandProfileId());
                statement.setString(3, draft.insightId());
                statement.setString(4, Json.write(draft.brief()));
                statement.setString(5, Json.write(draft.constraints()));
                statement.setString(6, Json.write(draft.channels()));
                statement.setString(7, Json.write(draft.warnings()));
                statement.setString(8, Json.write(draft.review()));
                statement.setInt(9, draft.claimHeavy() ? 1 : 0);
                statement.setString(10, draft.generator());
                statement.setString(11, draft.runId());
                statement.setString(12, draft.status());
                statement.setString(13, draft.campaignId());
                statement.setInt(14, draft.revision());
                statement.setString(15, draft.createdAt().toString());
                statement.setString(16, draft.updatedAt().toString());
                statement.executeUpdate();
            }
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM marketing_draft_posts WHERE draft_id = ?")) {
                delete.setString(1, draft.draftId());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO marketing_draft_posts (draft_id, post_hash) VALUES (?, ?)")) {
                for (JsonNode channel : draft.channels()) {
                    for (JsonNode post : channel.path("posts")) {
                        insert.setString(1, draft.draftId());
                        insert.setString(
                                2,
                                postHash(
                                        channel.path("channel").asString(),
                                        post.path("text").asString()));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return true;
        });
    }

    public Optional<CampaignDraft> find(String draftId) {
        return database.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT * FROM marketing_drafts WHERE draft_id = ?")) {
                statement.setString(1, draftId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Newest first; {@code insightId} null lists all drafts. */
    public List<CampaignDraft> list(String insightId, int limit) {
        return database.read(connection -> {
            String sql = "SELECT * FROM marketing_drafts" + (insightId == null ? "" : " WHERE insight_id = ?")
                    + " ORDER BY created_at DESC, draft_id LIMIT ?";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                if (insightId != null) statement.setString(index++, insightId);
                statement.setInt(index, limit);
                List<CampaignDraft> drafts = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) drafts.add(read(rows));
                }
                return drafts;
            }
        });
    }

    /** The newest unpublished draft that contains every (channel, text) pair, if any. */
    public Optional<CampaignDraft> findContaining(List<String[]> channelAndText) {
        if (channelAndText.isEmpty()) return Optional.empty();
        List<String> candidates = database.read(connection -> draftIdsWith(connection, channelAndText));
        Optional<CampaignDraft> newest = Optional.empty();
        for (String id : candidates) {
            Optional<CampaignDraft> draft = find(id);
            if (draft.isPresent()
                    && (newest.isEmpty()
                            || draft.get().createdAt().isAfter(newest.get().createdAt()))) {
                newest = draft;
            }
        }
        return newest;
    }

    private static List<String> draftIdsWith(Connection connection, List<String[]> channelAndText) throws SQLException {
        List<String> result = null;
        for (String[] pair : channelAndText) {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT DISTINCT draft_id FROM marketing_draft_posts WHERE post_hash = ?")) {
                statement.setString(1, postHash(pair[0], pair[1]));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) ids.add(rows.getString(1));
                }
            }
            if (result == null) result = ids;
            else result.retainAll(ids);
            if (result.isEmpty()) break;
        }
        return result;
    }

    static String postHash(String channel, String text) {
        return Json.sha256Hex(channel + "\n" + text.strip());
    }

    private static CampaignDraft read(ResultSet rows) throws SQLException {
        List<String> warnings = new ArrayList<>();
        Json.parse(rows.getString("warnings_json")).forEach(item -> warnings.add(item.asString()));
        return new CampaignDraft(
                rows.getString("draft_id"),
                rows.getString("brand_profile_id"),
                rows.getString("insight_id"),
                Json.parse(rows.getString("brief_json")),
                Json.parse(rows.getString("constraints_json")),
                (ArrayNode) Json.parse(rows.getString("channels_json")),
                warnings,
                (ArrayNode) Json.parse(rows.getString("review_json")),
                rows.getInt("claim_heavy") == 1,
                rows.getString("generator"),
                rows.getString("run_id"),
                rows.getString("status"),
                rows.getString("campaign_id"),
                rows.getInt("revision"),
                Instant.parse(rows.getString("created_at")),
                Instant.parse(rows.getString("updated_at")));
    }
}
