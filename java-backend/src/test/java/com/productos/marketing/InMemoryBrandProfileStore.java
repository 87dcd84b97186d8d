package com.productos.marketing;

import com.productos.brand.BrandAuditEntry;
import com.productos.brand.BrandProfileStore;
import com.productos.brand.StoredProfile;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Brand profiles in memory: the store is not what these tests are about. */
public final class InMemoryBrandProfileStore implements BrandProfileStore {
    private final Map<String, StoredProfile> profiles = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredProfile> get(String profileId) {
        return Optional.ofNullable(profiles.get(profileId));
    }

    @Override
    public StoredProfile put(String profileId, JsonNode profile, BrandAuditEntry audit) {
        StoredProfile stored = new StoredProfile(profileId, profile, Instant.now());
        profiles.put(profileId, stored);
        return stored;
    }

    public InMemoryBrandProfileStore with(String profileId, JsonNode brand) {
        put(profileId, brand, null);
        return this;
    }
}
