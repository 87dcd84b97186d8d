package com.productos.analytics.insights;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where insight pointer documents live: the store's SQLite file embedded ({@link InsightPointerStore}),
 * a Firestore collection in BigQuery mode ({@link FirestoreInsightPointers}).
 */
public interface InsightPointers extends AutoCloseable {
    /** The collection (or table) that {@code stored.firestore.collection} names. */
    String collection();

    void put(String docId, String createdAt, String runId, ObjectNode document);

    boolean exists(String docId);

    Optional<ObjectNode> find(String docId);

    /** Pointer documents, newest first. */
    List<ObjectNode> list(int limit);

    void delete(String docId);

    @Override
    void close();
}
