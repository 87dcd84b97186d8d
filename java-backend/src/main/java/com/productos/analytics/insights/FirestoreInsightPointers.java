package com.productos.analytics.insights;

import com.google.cloud.NoCredentials;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.productos.analytics.WarehouseException;
import com.productos.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Insight pointers as Firestore documents {@code <collection>/<insight id>} with fields
 * {@code insight_id}, {@code created_at} (ISO-8601 UTC, so text order is time order), {@code run_id}
 * and {@code document}: the pointer as canonical JSON text, read back exactly as written.
 */
public final class FirestoreInsightPointers implements InsightPointers {
    private static final long TIMEOUT_SECONDS = 30;
    private final Firestore firestore;
    private final String collection;

    public FirestoreInsightPointers(Firestore firestore, String collection) {
        this.firestore = firestore;
        this.collection = collection;
    }

    /** The client for the settings: the emulator when an emulator host is set, else the project's database. */
    public static FirestoreInsightPointers connect(CloudInsightSettings.Firestore settings, boolean anonymous) {
        FirestoreOptions.Builder options =
                FirestoreOptions.newBuilder().setProjectId(settings.project()).setDatabaseId(settings.database());
        if (settings.emulatorHost() != null) options.setEmulatorHost(settings.emulatorHost());
        else if (anonymous) options.setCredentials(NoCredentials.getInstance());
        try {
            return new FirestoreInsightPointers(options.build().getService(), settings.collection());
        } catch (RuntimeException e) {
            throw new WarehouseException(
                    "cannot create the Firestore client for project " + settings.project()
                            + ": " + e.getMessage()
                            + "; set up Application Default Credentials, or set analytics.firestore.emulator_host",
                    e);
        }
    }

    @Override
    public String collection() {
        return collection;
    }

    @Override
    public void put(String docId, String createdAt, String runId, ObjectNode document) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("insight_id", docId);
        fields.put("created_at", createdAt);
        fields.put("run_id", runId);
        fields.put("document", Json.canonical(document));
        await(firestore.collection(collection).document(docId).set(fields), "writing insight pointer " + docId);
    }

    @Override
    public boolean exists(String docId) {
        return snapshot(docId).exists();
    }

    @Override
    public Optional<ObjectNode> find(String docId) {
        DocumentSnapshot snapshot = snapshot(docId);
        return snapshot.exists() ? Optional.of(document(snapshot)) : Optional.empty();
    }

    @Override
    public List<ObjectNode> list(int limit) {
        List<QueryDocumentSnapshot> documents = await(
                        firestore
                                .collection(collection)
                                .orderBy("created_at", Query.Direction.DESCENDING)
                                .limit(limit)
                                .get(),
                        "listing insight pointers")
                .getDocuments();
        List<QueryDocumentSnapshot> sorted = new ArrayList<>(documents);
        // Same order as the embedded store: newest first, then by id for insights of one instant.
        sorted.sort(Comparator.comparing((QueryDocumentSnapshot d) -> String.valueOf(d.getString("created_at")))
                .thenComparing(QueryDocumentSnapshot::getId)
                .reversed());
        List<ObjectNode> pointers = new ArrayList<>();
        for (QueryDocumentSnapshot snapshot : sorted) pointers.add(document(snapshot));
        return pointers;
    }

    @Override
    public void delete(String docId) {
        await(firestore.collection(collection).document(docId).delete(), "deleting insight pointer " + docId);
    }

    private DocumentSnapshot snapshot(String docId) {
        return await(firestore.collection(collection).document(docId).get(), "reading insight pointer " + docId);
    }

    private ObjectNode document(DocumentSnapshot snapshot) {
        String text = snapshot.getString("document");
        if (text == null)
            throw new WarehouseException("Firestore document " + collection + "/" + snapshot.getId()
                    + " has no 'document' field; it was not written by analytics.write_insight");
        return (ObjectNode) Json.parse(text);
    }

    private <T> T await(Future<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while " + what + " in Firestore", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WarehouseException(
                    "Firestore failed " + what + " (collection " + collection + "): " + cause.getMessage()
                            + "; check analytics.firestore settings",
                    cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new WarehouseException(
                    "Firestore did not answer within " + TIMEOUT_SECONDS + " s " + what
                            + "; check analytics.firestore settings",
                    e);
        }
    }

    @Override
    public void close() {
        try {
            firestore.close();
        } catch (Exception e) {
            // Closing drops the channel; nothing is left to write.
        }
    }
}
