package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.brand.BrandAuditEntry;
import com.productos.brand.SqliteBrandProfileStore;
import com.productos.brand.StoredProfile;
import com.productos.common.SqliteDatabase;
import com.productos.config.Workspace;
import com.productos.json.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workspace whose productos.db was written with the schema from before the per-family stores. */
class FamilyStoreMigrationTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
    static final String OLD_PROFILE = "{\"name\":\"Acme\",\"voice\":{\"tone\":[\"plain\"]}}";

    /** The brand and marketing tables exactly as productos.db held them. */
    static final List<String> OLD_SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS brand_profiles ( profile_id TEXT PRIMARY KEY,"
                    + " document TEXT NOT NULL CHECK (json_valid(document)), updated_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS brand_audit ( id INTEGER PRIMARY KEY AUTOINCREMENT, profile_id TEXT NOT NULL,"
                    + " run_id TEXT, actor TEXT, patch TEXT NOT NULL CHECK (json_valid(patch)),"
                    + " before TEXT CHECK (before IS NULL OR json_valid(before)),"
                    + " after TEXT NOT NULL CHECK (json_valid(after)), at TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS brand_audit_by_profile ON brand_audit (profile_id, id)",
            "CREATE TABLE IF NOT EXISTS marketing_drafts (draft_id TEXT PRIMARY KEY, brand_profile_id TEXT NOT NULL,"
                    + " insight_id TEXT, brief_json TEXT NOT NULL, constraints_json TEXT NOT NULL,"
                    + " channels_json TEXT NOT NULL, warnings_json TEXT NOT NULL, review_json TEXT NOT NULL,"
                    + " claim_heavy INTEGER NOT NULL, generator TEXT NOT NULL, run_id TEXT, status TEXT NOT NULL,"
                    + " campaign_id TEXT, revision INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS marketing_draft_posts (draft_id TEXT NOT NULL"
                    + " REFERENCES marketing_drafts(draft_id), post_hash TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS marketing_draft_posts_hash ON marketing_draft_posts(post_hash)",
            "CREATE TABLE IF NOT EXISTS marketing_campaigns (campaign_id TEXT PRIMARY KEY,"
                    + " idempotency_key TEXT NOT NULL UNIQUE, request_hash TEXT NOT NULL, backend TEXT NOT NULL,"
                    + " name TEXT NOT NULL, mode TEXT NOT NULL, start_at TEXT, timezone TEXT NOT NULL,"
                    + " confirmed INTEGER NOT NULL, provider_campaign_id TEXT, provider_response_json TEXT,"
                    + " draft_id TEXT, publish_run_id TEXT, created_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS marketing_campaign_posts (campaign_id TEXT NOT NULL"
                    + " REFERENCES marketing_campaigns(campaign_id), post_index INTEGER NOT NULL, channel TEXT NOT NULL,"
                    + " text TEXT NOT NULL, media_urls_json TEXT NOT NULL, link_url TEXT, status TEXT NOT NULL,"
                    + " due_at TEXT, published_at TEXT, provider_post_id TEXT, error TEXT,"
                    + " PRIMARY KEY (campaign_id, post_index))");

    static final List<String> OLD_ROWS = List.of(
            "INSERT INTO brand_profiles VALUES ('default', '" + OLD_PROFILE + "', '2026-10-02T10:00:00Z')",
            "INSERT INTO brand_audit (profile_id, run_id, actor, patch, before, after, at) VALUES ('default', 'run_1',"
                    + " 'user', '{\"name\":\"Acme\"}', NULL, '{\"name\":\"Acme\"}', '2026-10-01T10:00:00Z')",
            "INSERT INTO brand_audit (profile_id, run_id, actor, patch, before, after, at) VALUES ('default', 'run_2',"
                    + " 'user', '{\"voice\":{\"tone\":[\"plain\"]}}', '{\"name\":\"Acme\"}', '" + OLD_PROFILE
                    + "', '2026-10-02T10:00:00Z')",
            "INSERT INTO marketing_drafts VALUES ('draft_1', 'default', 'ins_1', '{}', '{}', '[]', '[]', '{}', 0,"
                    + " 'template', 'run_3', 'draft', NULL, 1, '2026-10-03T10:00:00Z', '2026-10-03T10:00:00Z')",
            "INSERT INTO marketing_draft_posts VALUES ('draft_1', 'hash-1')",
            "INSERT INTO marketing_campaigns VALUES ('camp_1', 'key-1', 'hash', 'local', 'Launch', 'now', NULL,"
                    + " 'UTC', 1, NULL, NULL, 'draft_1', 'run_4', '2026-10-04T10:00:00Z')",
            "INSERT INTO marketing_campaign_posts VALUES ('camp_1', 0, 'x', 'Hello', '[]', NULL, 'published',"
                    + " '2026-10-04T10:00:00Z', '2026-10-04T10:00:00Z', 'p-1', NULL)");

    @TempDir
    Path root;

    private Workspace workspace;

    @BeforeEach
    void oldWorkspace() throws Exception {
        workspace = Workspace.open(root);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + workspace.database());
                Statement statement = connection.createStatement()) {
            for (String sql : OLD_SCHEMA) statement.execute(sql);
            for (String sql : OLD_ROWS) statement.execute(sql);
        }
    }

    private List<FamilyStoreMigration.CopiedFamily> migrate() {
        try (SqliteDatabase controlPlane = SqliteDatabase.open(workspace.database())) {
            return new FamilyStoreMigration(workspace, controlPlane, CLOCK).run();
        }
    }

    @Test
    void firstStartShouldCopyBrandAndMarketingDataIntoTheFamilyStores() throws Exception {
        List<FamilyStoreMigration.CopiedFamily> copied = migrate();

        assertEquals(
                List.of(
                        new FamilyStoreMigration.CopiedFamily(
                                "brand",
                                workspace.executorStore("brand"),
                                Map.of("brand_profiles", 1, "brand_audit", 2)),
                        new FamilyStoreMigration.CopiedFamily(
                                "marketing",
                                workspace.executorStore("marketing"),
                                Map.of(
                                        "marketing_drafts", 1,
                                        "marketing_draft_posts", 1,
                                        "marketing_campaigns", 1,
                                        "marketing_campaign_posts", 1))),
                copied);
        try (SqliteBrandProfileStore brand = SqliteBrandProfileStore.open(workspace.executorStore("brand"))) {
            StoredProfile profile = brand.get("default").orElseThrow();
            assertEquals(Json.parse(OLD_PROFILE), profile.brand());
            assertEquals(Instant.parse("2026-10-02T10:00:00Z"), profile.updatedAt());
            assertEquals(
                    List.of("run_1", "run_2"),
                    brand.auditTrail("default").stream()
                            .map(BrandAuditEntry::runId)
                            .toList());
        }
        assertEquals(
                List.of("draft_1|ins_1|draft"),
                rows(
                        workspace.executorStore("marketing"),
                        "SELECT draft_id, insight_id, status FROM marketing_drafts"));
        assertEquals(
                List.of("camp_1|0|published|p-1"),
                rows(
                        workspace.executorStore("marketing"),
                        "SELECT campaign_id, post_index, status, provider_post_id FROM marketing_campaign_posts"));
    }

    @Test
    void oldTablesShouldStayInPlaceMarkedMigratedAndASecondStartShouldCopyNothing() throws Exception {
        migrate();
        assertEquals(List.of(), migrate(), "nothing is copied twice");

        assertEquals(List.of("2"), rows(workspace.database(), "SELECT count(*) FROM brand_audit"));
        assertEquals(List.of("1"), rows(workspace.database(), "SELECT count(*) FROM marketing_drafts"));
        assertEquals(
                List.of(
                        "brand_audit|brand|brand.db|2",
                        "brand_profiles|brand|brand.db|1",
                        "marketing_campaign_posts|marketing|marketing.db|1",
                        "marketing_campaigns|marketing|marketing.db|1",
                        "marketing_draft_posts|marketing|marketing.db|1",
                        "marketing_drafts|marketing|marketing.db|1"),
                rows(
                        workspace.database(),
                        "SELECT table_name, family, store_file, rows FROM family_store_migrations ORDER BY table_name"));
        assertEquals(List.of("2"), rows(workspace.executorStore("brand"), "SELECT count(*) FROM brand_audit"));
        assertEquals(
                List.of("1"), rows(workspace.executorStore("marketing"), "SELECT count(*) FROM marketing_draft_posts"));
    }

    @Test
    void aCopyWhoseMarksDidNotReachTheControlPlaneStoreShouldNotBeRepeated() throws Exception {
        migrate();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + workspace.database());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE family_store_migrations"); // as if the start ended right after the copy
        }

        assertEquals(List.of(), migrate());
        assertEquals(List.of("2"), rows(workspace.executorStore("brand"), "SELECT count(*) FROM brand_audit"));
        assertEquals(List.of("6"), rows(workspace.database(), "SELECT count(*) FROM family_store_migrations"));
    }

    @Test
    void dataTheFamilyStoreAlreadyHoldsShouldBeKeptAndNoOldAuditRowLost() throws Exception {
        String newer = "{\"name\":\"Acme Corp\"}";
        try (SqliteBrandProfileStore brand = SqliteBrandProfileStore.open(workspace.executorStore("brand"))) {
            brand.put(
                    "default",
                    Json.parse(newer),
                    new BrandAuditEntry(
                            "default",
                            "run_9",
                            "user",
                            Json.parse(newer),
                            null,
                            Json.parse(newer),
                            Instant.parse("2026-11-20T10:00:00Z")));
        }

        migrate();

        try (SqliteBrandProfileStore brand = SqliteBrandProfileStore.open(workspace.executorStore("brand"))) {
            assertEquals(Json.parse(newer), brand.get("default").orElseThrow().brand());
            assertEquals(
                    List.of("run_9", "run_1", "run_2"),
                    brand.auditTrail("default").stream()
                            .map(BrandAuditEntry::runId)
                            .toList());
        }
    }

    @Test
    void aFamilyThatCannotBeCopiedShouldBeLeftUnchangedAndTriedAgainWhileTheOthersAreCopied() throws Exception {
        // A draft post whose draft is gone (written while foreign keys were off): the family store refuses it.
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + workspace.database());
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO marketing_draft_posts VALUES ('draft_gone', 'hash-2')");
        }

        List<FamilyStoreMigration.CopiedFamily> copied = migrate();

        assertEquals(
                List.of("brand"),
                copied.stream().map(FamilyStoreMigration.CopiedFamily::family).toList());
        assertEquals(
                List.of(),
                rows(
                        workspace.executorStore("marketing"),
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'marketing_%'"),
                "nothing half-copied");
        assertEquals(
                List.of("brand_audit", "brand_profiles"),
                rows(workspace.database(), "SELECT table_name FROM family_store_migrations ORDER BY table_name"));

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + workspace.database());
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM marketing_draft_posts WHERE draft_id = 'draft_gone'");
        }
        assertEquals(
                List.of("marketing"),
                migrate().stream()
                        .map(FamilyStoreMigration.CopiedFamily::family)
                        .toList());
    }

    @Test
    void backendStartShouldMigrateBeforeTheBrandExecutorServes() throws Exception {
        try (Backend backend = Backend.open(root, Map.of())) {
            assertTrue(backend.workspace().executorStore("brand").toFile().isFile());
        }
        try (SqliteBrandProfileStore brand = SqliteBrandProfileStore.open(workspace.executorStore("brand"))) {
            assertEquals(
                    Json.parse(OLD_PROFILE), brand.get("default").orElseThrow().brand());
        }
    }

    private static List<String> rows(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) values.add(String.valueOf(row.getObject(i)));
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
