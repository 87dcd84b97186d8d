package com.productos.brand;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where brand profiles (the Company Brain) live: SQLite documents embedded, Firestore at scale. A
 * write stores the new profile and its audit entry together, or neither.
 */
public interface BrandProfileStore extends AutoCloseable {
    Optional<StoredProfile> get(String profileId);

    /** Stores {@code profile} as the whole new document and appends {@code audit}; returns what was stored. */
    StoredProfile put(String profileId, JsonNode profile, BrandAuditEntry audit);

    /**
     * Like {@link #put}, but only while the stored document is still {@code expectedBefore} (null: no
     * profile yet). Returns empty, writing nothing, when another writer got there first, so a
     * read-merge-write never loses someone else's change. Stores should make the check and the write
     * one atomic step; this default is only as good as {@code get} followed by {@code put}.
     */
    default Optional<StoredProfile> putIfUnchanged(
            String profileId, JsonNode expectedBefore, JsonNode profile, BrandAuditEntry audit) {
        JsonNode current = get(profileId).map(StoredProfile::brand).orElse(null);
        if (!java.util.Objects.equals(current, expectedBefore)) return Optional.empty();
        return Optional.of(put(profileId, profile, audit));
    }

    @Override
    default void close() {}
}
