package com.productos.app;

import com.productos.common.SqliteDatabase;
import com.productos.config.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workspaces made before each executor family had its own store kept the brand and marketing tables
 * in the control plane's {@code productos.db}. On start this copies them into the family stores
 * ({@code brand.db}, {@code marketing.db}) so those families see their data again.
 *
 * <p>Each family is copied in one transaction on its own store, together with a record of the copied
 * tables in that store: a copy is all there or not at all, and never made twice. The old tables stay
 * in {@code productos.db} as they were, listed afterwards in its {@code family_store_migrations}
 * table. A row the family store already holds (same key) is kept as it is.
 */
public final class FamilyStoreMigration {
    private static final Logger LOG = LoggerFactory.getLogger(FamilyStoreMigration.class);
    /** Where each family's tables lived in productos.db, parents before the tables that refer to them. */
    static final Map<String, List<String>> TABLES_BY_FAMILY = Map.of(
            "brand",
            List.of("brand_profiles", "brand_audit"),
            "marketing",
            List.of("marketing_drafts", "marketing_draft_posts", "marketing_campaigns", "marketing_campaign_posts"));
    /** In productos.db: which of its old tables went to which family store. */
    static final String CONTROL_PLANE_MARKS = "family_store_migrations";
    /** In a family store: which tables it received from productos.db (written with the copy). */
    static final String FAMILY_MARKS = "copied_from_control_plane_store";

    private final Workspace workspace;
    private final SqliteDatabase controlPlaneStore;
    private final Clock clock;

    public FamilyStoreMigration(Workspace workspace, SqliteDatabase controlPlaneStore, Clock clock) {
        this.workspace = workspace;
        this.controlPlaneStore = controlPlaneStore;
        this.clock = clock;
    }

    /** One family copied from productos.db: how many rows of each table. */
    public record CopiedFamily(String family, Path store, Map<String, Integer> rowsByTable) {}

    /**
     * Copies every family whose old tables are not yet marked migrated; returns what it copied now.
     * A family whose copy fails is left as it was (its store unchanged, its old tables unmarked), is
     * logged with what to do, and is tried again on the next start; the others are copied.
     */
    public List<CopiedFamily> run() {
        List<CopiedFamily> copied = new ArrayList<>();
        for (String family : List.of("brand", "marketing")) {
            Path store = workspace.executorStore(family);
            try {
                List<String> waiting = controlPlaneStore.read(connection -> unmarked(connection, family));
                if (waiting.isEmpty()) continue;
                Map<String, Integer> rows = copy(store, waiting);
                mark(family, store, waiting, rows);
                if (!rows.isEmpty()) {
                    CopiedFamily done = new CopiedFamily(family, store, rows);
                    copied.add(done);
                    LOG.info(
                            "copied the {} data of this workspace from {} into its own store {} ({}); the old tables"
                                    + " stay in {}, marked migrated in {}",
                            family,
                            workspace.database().getFileName(),
                            store.getFileName(),
                            describe(rows),
                            workspace.database().getFileName(),
                            CONTROL_PLANE_MARKS);
                }
            } catch (RuntimeException e) {
                LOG.error(
                        "could not copy the {} data of this workspace from {} into {}: {}; nothing was changed,"
                                + " and the copy is tried again at the next start (check that {} is writable)",
                        family,
                        workspace.database(),
                        store,
                        e.getMessage(),
                        store,
                        e);
            }
        }
        return copied;
    }

    /** The family's old tables present in productos.db and not yet marked migrated. */
    private static List<String> unmarked(Connection connection, String family) throws SQLException {
        Set<String> present = tables(connection);
        Set<String> marked = new LinkedHashSet<>();
        if (present.contains(CONTROL_PLANE_MARKS)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT table_name FROM " + CONTROL_PLANE_MARKS + " WHERE family = ?")) {
                select.setString(1, family);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) marked.add(row.getString(1));
                }
            }
        }
        return TABLES_BY_FAMILY.get(family).stream()
                .filter(present::contains)
                .filter(table -> !marked.contains(table))
                .toList();
    }

    /**
     * Copies {@code tables} into the family store in one transaction; tables the store already records
     * as received are skipped (a copy made by an earlier start whose marks did not reach productos.db).
     */
    private Map<String, Integer> copy(Path store, List<String> tables) {
        Map<String, Definition> definitions = controlPlaneStore.read(connection -> definitions(connection, tables));
        try (SqliteDatabase family = SqliteDatabase.open(store)) {
            return family.transaction(target -> {
                try (Statement statement = target.createStatement()) {
                    statement.execute("CREATE TABLE IF NOT EXISTS " + FAMILY_MARKS
                            + " (table_name TEXT PRIMARY KEY, rows INTEGER NOT NULL, copied_at TEXT NOT NULL)");
                }
                Set<String> received = received(target);
                Map<String, Integer> rows = new LinkedHashMap<>();
                for (String table : tables) {
                    if (received.contains(table)) continue;
                    Definition definition = definitions.get(table);
                    if (!tables(target).contains(table)) {
                        try (Statement statement = target.createStatement()) {
                            statement.execute(definition.createSql());
                        }
                    }
                    int count = copyRows(definition, target);
                    try (PreparedStatement insert = target.prepareStatement(
                            "INSERT INTO " + FAMILY_MARKS + " (table_name, rows, copied_at) VALUES (?, ?, ?)")) {
                        insert.setString(1, table);
                        insert.setInt(2, count);
                        insert.setString(3, clock.instant().toString());
                        insert.executeUpdate();
                    }
                    rows.put(table, count);
                }
                return rows;
            });
        }
    }

    /** An old table as productos.db holds it: its CREATE statement and its rows. */
    private record Definition(
            String table, String createSql, List<String> columns, String integerKey, List<List<Object>> rows) {}

    private static Map<String, Definition> definitions(Connection connection, List<String> tables) throws SQLException {
        Map<String, Definition> definitions = new LinkedHashMap<>();
        for (String table : tables) {
            String createSql;
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                select.setString(1, table);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    createSql = row.getString(1);
                }
            }
            List<String> columns = columns(connection, table);
            List<List<Object>> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(
                            "SELECT " + String.join(", ", quoted(columns)) + " FROM " + table + " ORDER BY rowid")) {
                while (row.next()) {
                    List<Object> values = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) values.add(row.getObject(i));
                    rows.add(values);
                }
            }
            definitions.put(
                    table,
                    new Definition(
                            table,
                            createSql,
                            columns,
                            integerKey(connection, table).orElse(null),
                            rows));
        }
        return definitions;
    }

    /**
     * Inserts the old rows with the columns both tables have. Rows whose key the store already holds
     * are kept as the store has them. An integer key (an audit row's id) is kept when the store's
     * table is empty, and left for SQLite to number otherwise, so no old row is lost to a clash.
     */
    private static int copyRows(Definition definition, Connection target) throws SQLException {
        Set<String> targetColumns = new LinkedHashSet<>(columns(target, definition.table()));
        boolean targetEmpty;
        try (Statement statement = target.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + definition.table())) {
            row.next();
            targetEmpty = row.getLong(1) == 0;
        }
        List<Integer> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < definition.columns().size(); i++) {
            String column = definition.columns().get(i);
            if (!targetColumns.contains(column)) continue;
            if (column.equals(definition.integerKey()) && !targetEmpty) continue;
            kept.add(i);
            names.add(column);
        }
        String sql =
                "INSERT OR IGNORE INTO " + definition.table() + " (" + String.join(", ", quoted(names)) + ") VALUES ("
                        + String.join(", ", names.stream().map(name -> "?").toList()) + ")";
        int copied = 0;
        try (PreparedStatement insert = target.prepareStatement(sql)) {
            for (List<Object> values : definition.rows()) {
                for (int i = 0; i < kept.size(); i++) insert.setObject(i + 1, values.get(kept.get(i)));
                copied += insert.executeUpdate();
            }
        }
        return copied;
    }

    private void mark(String family, Path store, List<String> tables, Map<String, Integer> rows) {
        controlPlaneStore.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + CONTROL_PLANE_MARKS
                        + " (table_name TEXT PRIMARY KEY, family TEXT NOT NULL, store_file TEXT NOT NULL,"
                        + " rows INTEGER, migrated_at TEXT NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO " + CONTROL_PLANE_MARKS
                    + " (table_name, family, store_file, rows, migrated_at) VALUES (?, ?, ?, ?, ?)")) {
                for (String table : tables) {
                    insert.setString(1, table);
                    insert.setString(2, family);
                    insert.setString(3, store.getFileName().toString());
                    if (rows.containsKey(table)) insert.setInt(4, rows.get(table));
                    else insert.setNull(4, java.sql.Types.INTEGER);
                    insert.setString(5, clock.instant().toString());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Set<String> received(Connection connection) throws SQLException {
        Set<String> received = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT table_name FROM " + FAMILY_MARKS)) {
            while (row.next()) received.add(row.getString(1));
        }
        return received;
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (row.next()) names.add(row.getString(1));
        }
        return names;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (row.next()) columns.add(row.getString("name"));
        }
        return columns;
    }

    /** The column that is the table's integer row key (INTEGER PRIMARY KEY), if it has one. */
    private static Optional<String> integerKey(Connection connection, String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        String type = null;
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (row.next()) {
                if (row.getInt("pk") > 0) {
                    keys.add(row.getString("name"));
                    type = row.getString("type");
                }
            }
        }
        return keys.size() == 1 && "INTEGER".equalsIgnoreCase(type) ? Optional.of(keys.get(0)) : Optional.empty();
    }

    private static List<String> quoted(List<String> columns) {
        return columns.stream()
                .map(column -> "\"" + column.replace("\"", "\"\"") + "\"")
                .toList();
    }

    private static String describe(Map<String, Integer> rows) {
        List<String> parts = new ArrayList<>();
        rows.forEach((table, count) -> parts.add(count + " row" + (count == 1 ? "" : "s") + " of " + table));
        return String.join(", ", parts);
    }
}
