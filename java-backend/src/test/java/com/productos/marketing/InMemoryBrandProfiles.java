package com.productos.marketing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Brand profiles in memory: the store is not what these tests are about. */
public final class InMemoryBrandProfiles implements BrandProfiles {
    private final Map<String, JsonNode> profiles = new ConcurrentHashMap<>();

    @Override
    public Optional<JsonNode> find(String profileId) {
        return Optional.ofNullable(profiles.get(profileId));
    }

    public InMemoryBrandProfiles with(String profileId, JsonNode brand) {
        profiles.put(profileId, brand);
        return this;
    }
}
