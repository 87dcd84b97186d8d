package com.productos.app;

import com.productos.brand.BrandProfileStore;
import com.productos.brand.StoredProfile;
import com.productos.marketing.BrandProfiles;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Marketing's view of brand profiles, read from the brand executor's own store; closing closes that store. */
final class StoredBrandProfiles implements BrandProfiles {
    private final BrandProfileStore store;

    StoredBrandProfiles(BrandProfileStore store) {
        this.store = store;
    }

    @Override
    public Optional<JsonNode> find(String profileId) {
        return store.get(profileId).map(StoredProfile::brand);
    }

    @Override
    public void close() {
        store.close();
    }
}
