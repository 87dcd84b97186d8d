package com.productos.brand;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import tools.jackson.databind.JsonNode;

/** brand.get_profile: the stored profile as {@code {profile_id, brand}}, or 404 saying how to create one. */
final class GetBrandProfileHandler implements ExecutorHandler {
    private final BrandProfileStore store;
    private final BrandProfileSchema schema;

    GetBrandProfileHandler(BrandProfileStore store, BrandProfileSchema schema) {
        this.store = store;
        this.schema = schema;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        String profileId = BrandInputs.profileId(request.input());
        StoredProfile profile = store.get(profileId)
                .orElseThrow(() -> ExecutorFailure.notFound("there is no brand profile '" + profileId
                        + "' yet; create it with brand.update_profile, giving a" + " complete profile as the patch: "
                        + schema.requiredSummary()));
        return Json.object().put("profile_id", profileId).set("brand", profile.brand());
    }
}
