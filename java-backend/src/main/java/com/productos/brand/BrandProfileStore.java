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

    @Override
    default void close() {}
}
