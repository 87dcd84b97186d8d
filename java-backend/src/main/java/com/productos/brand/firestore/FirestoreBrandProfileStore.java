package com.productos.brand.firestore;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.productos.brand.BrandAuditEntry;
import com.productos.brand.BrandProfileStore;
import com.productos.brand.StoredProfile;
import com.productos.common.StoreException;
import com.productos.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * The Company Brain on Firestore. A profile is the document {@code <collection>/<profile id>} with
 * fields {@code brand} (the profile as a map) and {@code updated_at}; every write also creates one
 * document in its {@code audit} sub-collection, in the same transaction, so a profile never changes
 * without its audit entry.
 */
public final class FirestoreBrandProfileStore implements BrandProfileStore {
    public static final String DEFAULT_COLLECTION = "brand_profiles";
    public static final String AUDIT_COLLECTION = "audit";
    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/datastore");
    private final Firestore firestore;
    private final CollectionReference profiles;
    private final Duration timeout;

    public FirestoreBrandProfileStore(Firestore firestore, String collection, Duration timeout) {
        this.firestore = firestore;
        this.profiles = firestore.collection(collection);
        this.timeout = timeout;
    }

    /**
     * Connects to Firestore: the emulator at {@code emulatorHost} ("127.0.0.1:8080") when given, else
     * the project's database with the key file or Application Default Credentials.
     */
    public static FirestoreBrandProfileStore connect(
            String projectId, String databaseId, Path keyFile, String emulatorHost, String collection) {
        FirestoreOptions.Builder options = FirestoreOptions.newBuilder().setProjectId(projectId);
        if (databaseId != null) options.setDatabaseId(databaseId);
        if (emulatorHost != null) {
            options.setEmulatorHost(emulatorHost);
        } else {
            options.setCredentials(credentials(keyFile));
        }
        return new FirestoreBrandProfileStore(
                options.build().getService(),
                collection == null ? DEFAULT_COLLECTION : collection,
                Duration.ofSeconds(30));
    }

    private static GoogleCredentials credentials(Path keyFile) {
        String fix = "; set the Firestore key file in .productos/config.yaml, or GOOGLE_APPLICATION_CREDENTIALS,"
                + " or run 'gcloud auth application-default login'";
        if (keyFile != null) {
            if (!Files.isReadable(keyFile))
                throw new StoreException(
                        "Firestore key file " + keyFile + " does not exist or cannot be read" + fix, null);
            try (InputStream in = Files.newInputStream(keyFile)) {
                return GoogleCredentials.fromStream(in).createScoped(SCOPES);
            } catch (IOException | RuntimeException e) {
                throw new StoreException(
                        keyFile + " is not a Google service-account key or credentials file" + fix, null);
            }
        }
        try {
            return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
        } catch (IOException e) {
            throw new StoreException("no Application Default Credentials were found for Firestore" + fix, null);
        }
    }

    @Override
    public Optional<StoredProfile> get(String profileId) {
        DocumentSnapshot snapshot = await(profiles.document(profileId).get(), "reading brand profile " + profileId);
        if (!snapshot.exists()) return Optional.empty();
        return Optional.of(toProfile(profileId, snapshot));
    }

    @Override
    public StoredProfile put(String profileId, JsonNode profile, BrandAuditEntry audit) {
        return write(profileId, null, false, profile, audit).orElseThrow();
    }

    /** The check and the write run in one Firestore transaction, so a concurrent writer is never overwritten. */
    @Override
    public Optional<StoredProfile> putIfUnchanged(
            String profileId, JsonNode expectedBefore, JsonNode profile, BrandAuditEntry audit) {
        return write(profileId, expectedBefore, true, profile, audit);
    }

    private Optional<StoredProfile> write(
            String profileId, JsonNode expectedBefore, boolean checkBefore, JsonNode profile, BrandAuditEntry audit) {
        DocumentReference document = profiles.document(profileId);
        DocumentReference auditDocument = document.collection(AUDIT_COLLECTION).document();
        Timestamp at = Timestamp.ofTimeSecondsAndNanos(
                audit.at().getEpochSecond(), audit.at().getNano());
        Map<String, Object> fields = new HashMap<>();
        fields.put("brand", toValue(profile));
        fields.put("updated_at", at);
        Map<String, Object> auditFields = new HashMap<>();
        auditFields.put("profile_id", profileId);
        auditFields.put("run_id", audit.runId());
        auditFields.put("actor", audit.actor());
        auditFields.put("patch", toValue(audit.patch()));
        auditFields.put("before", toValue(audit.before()));
        auditFields.put("after", toValue(audit.after()));
        auditFields.put("at", at);
        boolean written = await(
                firestore.runTransaction(transaction -> {
                    if (checkBefore) {
                        DocumentSnapshot current = transaction.get(document).get();
                        JsonNode stored = current.exists() ? Json.toTree(plain(current.get("brand"))) : null;
                        // Canonical text compares JSON values, whatever integer width Firestore hands back.
                        boolean unchanged = stored == null || expectedBefore == null
                                ? stored == null && expectedBefore == null
                                : Json.canonical(stored).equals(Json.canonical(expectedBefore));
                        if (!unchanged) return false;
                    }
                    transaction.set(document, fields);
                    transaction.create(auditDocument, auditFields);
                    return true;
                }),
                "writing brand profile " + profileId + " and its audit entry");
        return written ? Optional.of(new StoredProfile(profileId, profile, audit.at())) : Optional.empty();
    }

    /** The audit entries of a profile, oldest first (for the audit trail and tests). */
    public List<JsonNode> auditTrail(String profileId) {
        return await(
                        profiles.document(profileId)
                                .collection(AUDIT_COLLECTION)
                                .orderBy("at")
                                .get(),
                        "reading the audit trail of " + profileId)
                .getDocuments()
                .stream()
                .map(doc -> Json.toTree(plain(doc.getData())))
                .toList();
    }

    private static StoredProfile toProfile(String profileId, DocumentSnapshot snapshot) {
        Timestamp updated = snapshot.getTimestamp("updated_at");
        Instant updatedAt =
                updated == null ? Instant.EPOCH : Instant.ofEpochSecond(updated.getSeconds(), updated.getNanos());
        return new StoredProfile(profileId, Json.toTree(plain(snapshot.get("brand"))), updatedAt);
    }

    /** JSON to Firestore values: objects become maps, arrays lists, numbers Long or Double. */
    private static Object toValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        return Json.MAPPER.convertValue(node, Object.class);
    }

    /** Firestore values back to plain JSON-able values (timestamps as ISO text). */
    private static Object plain(Object value) {
        if (value instanceof Timestamp timestamp) {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos())
                    .toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new HashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list)
            return list.stream().map(FirestoreBrandProfileStore::plain).toList();
        return value;
    }

    private <T> T await(com.google.api.core.ApiFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while " + what, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreException(
                    what + " took longer than " + timeout.toSeconds() + " s; check the network and Firestore's status",
                    e);
        } catch (ExecutionException e) {
            throw new StoreException(
                    what + " failed in Firestore: " + firstLine(e.getCause().getMessage()), e.getCause());
        }
    }

    private static String firstLine(String text) {
        if (text == null) return "no message";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            firestore.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the Firestore client: " + e.getMessage(), e);
        }
    }
}
