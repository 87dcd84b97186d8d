package com.productos.analytics.insights;

import com.productos.common.SqliteDatabase;
import com.productos.json.Json;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import tools.jackson.databind.node.ObjectNode;

/**
 * The insight's pointer document in the Product OS store (the embedded stand-in for the Firestore
 * pointer): a small document naming the insight and where its row and report live, so the UI can
 * list insights without reading the warehouse. Kept in the store's SQLite file, table
 * {@value #COLLECTION}.
 */
public final class InsightPointerStore implements InsightPointers {
    public static final String COLLECTION = "insight_pointers";
    private final SqliteDatabase database;

    public InsightPointerStore(Path storeFile) {
        this.database = SqliteDatabase.open(storeFile);
        database.migrate("CREATE TABLE IF NOT EXISTS " + COLLECTION
                + " (doc_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, " + "run_id TEXT, document TEXT NOT NULL)");
    }

    @Override
    public String collection() {
        return COLLECTION;
    }

    @Override
    public void put(String docId, String createdAt, String runId, ObjectNode document) {
        database.transaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT OR REPLACE INTO " + COLLECTION
                    + " (doc_id, created_at, run_id, document) VALUES (?, ?, ?, ?)")) {
                statement.setString(1, docId);
                statement.setString(2, createdAt);
                statement.setString(3, runId);
                statement.setString(4, Json.canonical(document));
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean exists(String docId) {
        return database.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT 1 FROM " + COLLECTION + " WHERE doc_id = ?")) {
                statement.setString(1, docId);
                return statement.executeQuery().next();
            }
        });
    }

    @Override
    public java.util.Optional<ObjectNode> find(String docId) {
        return database.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT document FROM " + COLLECTION + " WHERE doc_id = ?")) {
                statement.setString(1, docId);
                java.sql.ResultSet rows = statement.executeQuery();
                return rows.next()
                        ? java.util.Optional.of((ObjectNode) Json.parse(rows.getString(1)))
                        : java.util.Optional.<ObjectNode>empty();
            }
        });
    }

    @Override
    public java.util.List<ObjectNode> list(int limit) {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT document FROM " + COLLECTION + " ORDER BY created_at DESC, doc_id DESC LIMIT ?")) {
                statement.setInt(1, limit);
                java.sql.ResultSet rows = statement.executeQuery();
                java.util.List<ObjectNode> documents = new java.util.ArrayList<>();
                while (rows.next()) documents.add((ObjectNode) Json.parse(rows.getString(1)));
                return documents;
            }
        });
    }

    @Override
    public void delete(String docId) {
        database.transaction(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM " + COLLECTION + " WHERE doc_id = ?")) {
                statement.setString(1, docId);
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
