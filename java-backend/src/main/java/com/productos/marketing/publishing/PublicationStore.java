package com.productos.marketing.publishing;

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

/**
 * Campaigns and their posts in the workspace's SQLite file. The idempotency key is unique: a second
 * intent with the same key cannot be written, whatever the timing.
 */
public final class PublicationStore {
    private final SqliteDatabase database;

    public PublicationStore(SqliteDatabase database) {
        this.database = database;
        database.migrate(
                "CREATE TABLE IF NOT EXISTS marketing_campaigns (campaign_id TEXT PRIMARY KEY,"
                        + " idempotency_key TEXT NOT NULL UNIQUE, request_hash TEXT NOT NULL, backend TEXT NOT NULL,"
                        + " name TEXT NOT NULL, mode TEXT NOT NULL, start_at TEXT, timezone TEXT NOT NULL,"
                        + " confirmed INTEGER NOT NULL, provider_campaign_id TEXT, provider_response_json TEXT,"
                        + " draft_id TEXT, publish_run_id TEXT, created_at TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS marketing_campaign_posts (campaign_id TEXT NOT NULL"
                        + " REFERENCES marketing_campaigns(campaign_id), post_index INTEGER NOT NULL, channel TEXT NOT NULL,"
                        + " text TEXT NOT NULL, media_urls_json TEXT NOT NULL, link_url TEXT, status TEXT NOT NULL,"
                        + " due_at TEXT, published_at TEXT, provider_post_id TEXT, error TEXT,"
                        + " PRIMARY KEY (campaign_id, post_index))",
                "CREATE INDEX IF NOT EXISTS marketing_campaign_posts_due ON marketing_campaign_posts(status, due_at)");
    }

    /**
     * Writes the intent (campaign unconfirmed, posts queued) unless the key is taken; returns the record
     * that holds the key afterwards, which is the existing one when the key was already used.
     */
    public CampaignRecord recordIntent(CampaignRecord intent) {
        return database.transaction(connection -> {
            Optional<CampaignRecord> existing = findByKey(connection, intent.idempotencyKey());
            if (existing.isPresent()) return existing.get();
            try (PreparedStatement statement =
                    connection.prepareStatement("INSERT INTO marketing_campaigns (campaign_id,"
                            + " idempotency_key, request_hash, backend, name, mode, start_at, timezone, confirmed, created_at, publish_run_id)"
                            + " VALUES (?,?,?,?,?,?,?,?,0,?,?)")) {
                statement.setString(1, intent.campaignId());
                statement.setString(2, intent.idempotencyKey());
                statement.setString(3, intent.requestHash());
                statement.setString(4, intent.backend());
                statement.setString(5, intent.name());
                statement.setString(6, intent.mode().name());
                statement.setString(7, SortableInstant.format(intent.startAt()));
                statement.setString(8, intent.timezone());
                statement.setString(9, SortableInstant.format(intent.createdAt()));
                statement.setString(10, intent.publishRunId());
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO marketing_campaign_posts"
                    + " (campaign_id, post_index, channel, text, media_urls_json, link_url, status, due_at)"
                    + " VALUES (?,?,?,?,?,?,?,?)")) {
                for (StoredPost post : intent.posts()) {
                    statement.setString(1, intent.campaignId());
                    statement.setInt(2, post.index());
                    statement.setString(3, post.channel());
                    statement.setString(4, post.text());
                    statement.setString(5, Json.write(post.mediaUrls()));
                    statement.setString(6, post.linkUrl());
                    statement.setString(7, post.status().wireName());
                    statement.setString(8, SortableInstant.format(post.dueAt()));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return intent;
        });
    }

    /** Stores the provider's answer and confirms the campaign, in one transaction. */
    public CampaignRecord confirm(String campaignId, ProviderOutcome outcome, String draftId) {
        database.transaction(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("UPDATE marketing_campaigns SET confirmed = 1,"
                            + " provider_campaign_id = ?, provider_response_json = ?, draft_id = COALESCE(?, draft_id)"
                            + " WHERE campaign_id = ?")) {
                statement.setString(1, outcome.providerCampaignId());
                statement.setString(
                        2, outcome.providerResponse() == null ? null : Json.write(outcome.providerResponse()));
                statement.setString(3, draftId);
                statement.setString(4, campaignId);
                statement.executeUpdate();
            }
            updatePosts(connection, campaignId, outcome.posts());
            return null;
        });
        return find(campaignId).orElseThrow();
    }

    /** Applies a provider's fresh view of post statuses (status polling). */
    public void updatePosts(String campaignId, List<ProviderOutcome.PostUpdate> posts) {
        database.transaction(connection -> {
            updatePosts(connection, campaignId, posts);
            return null;
        });
    }

    private static void updatePosts(Connection connection, String campaignId, List<ProviderOutcome.PostUpdate> posts)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE marketing_campaign_posts SET status = ?,"
                + " published_at = ?, provider_post_id = COALESCE(?, provider_post_id), error = ?"
                + " WHERE campaign_id = ? AND post_index = ?")) {
            for (int i = 0; i < posts.size(); i++) {
                ProviderOutcome.PostUpdate update = posts.get(i);
                statement.setString(1, update.status().wireName());
                statement.setString(2, SortableInstant.format(update.publishedAt()));
                statement.setString(3, update.providerPostId());
                statement.setString(4, update.error());
                statement.setString(5, campaignId);
                statement.setInt(6, i);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * Moves every scheduled post of {@code backend} whose time has come to published, stamped with its
     * due time. Returns how many moved.
     */
    public int publishDue(String backend, Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE marketing_campaign_posts"
                            + " SET status = 'published', published_at = due_at WHERE status = 'scheduled' AND due_at <= ?"
                            + " AND campaign_id IN (SELECT campaign_id FROM marketing_campaigns WHERE backend = ? AND confirmed = 1)")) {
                statement.setString(1, SortableInstant.format(now));
                statement.setString(2, backend);
                return statement.executeUpdate();
            }
        });
    }

    /** The earliest due time of a scheduled post of {@code backend}, to know when to look again. */
    public Optional<Instant> nextDue(String backend) {
        return database.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT MIN(p.due_at) FROM marketing_campaign_posts p"
                            + " JOIN marketing_campaigns c ON c.campaign_id = p.campaign_id"
                            + " WHERE p.status = 'scheduled' AND c.backend = ? AND c.confirmed = 1")) {
                statement.setString(1, backend);
                try (ResultSet rows = statement.executeQuery()) {
                    String value = rows.next() ? rows.getString(1) : null;
                    return Optional.ofNullable(value).map(Instant::parse);
                }
            }
        });
    }

    public List<CampaignRecord> unconfirmed() {
        return database.read(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT campaign_id FROM marketing_campaigns WHERE confirmed = 0 ORDER BY created_at")) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) ids.add(rows.getString(1));
                }
            }
            List<CampaignRecord> records = new ArrayList<>();
            for (String id : ids) records.add(find(connection, id).orElseThrow());
            return records;
        });
    }

    public Optional<CampaignRecord> find(String campaignId) {
        return database.read(connection -> find(connection, campaignId));
    }

    public Optional<CampaignRecord> findByKey(String idempotencyKey) {
        return database.read(connection -> findByKey(connection, idempotencyKey));
    }

    private static Optional<CampaignRecord> findByKey(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT campaign_id FROM marketing_campaigns WHERE idempotency_key = ?")) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? find(connection, rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<CampaignRecord> find(Connection connection, String campaignId) throws SQLException {
        List<StoredPost> posts = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM marketing_campaign_posts WHERE campaign_id = ? ORDER BY post_index")) {
            statement.setString(1, campaignId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> media = new ArrayList<>();
                    Json.parse(rows.getString("media_urls_json")).forEach(url -> media.add(url.asString()));
                    posts.add(new StoredPost(
                            rows.getInt("post_index"),
                            rows.getString("channel"),
                            rows.getString("text"),
                            media,
                            rows.getString("link_url"),
                            PostStatus.fromWire(rows.getString("status")),
                            instant(rows.getString("due_at")),
                            instant(rows.getString("published_at")),
                            rows.getString("provider_post_id"),
                            rows.getString("error")));
                }
            }
        }
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT * FROM marketing_campaigns WHERE campaign_id = ?")) {
            statement.setString(1, campaignId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) return Optional.empty();
                String response = rows.getString("provider_response_json");
                JsonNode providerResponse = response == null ? null : Json.parse(response);
                return Optional.of(new CampaignRecord(
                        rows.getString("campaign_id"),
                        rows.getString("idempotency_key"),
                        rows.getString("request_hash"),
                        rows.getString("backend"),
                        rows.getString("name"),
                        PublishMode.valueOf(rows.getString("mode")),
                        instant(rows.getString("start_at")),
                        rows.getString("timezone"),
                        rows.getInt("confirmed") == 1,
                        rows.getString("provider_campaign_id"),
                        providerResponse,
                        rows.getString("draft_id"),
                        rows.getString("publish_run_id"),
                        posts,
                        Instant.parse(rows.getString("created_at"))));
            }
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
