package com.productos.marketing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.marketing.claims.BrandRules;
import com.productos.marketing.claims.ClaimsPolicy;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Loads a brand profile from the Company Brain and compiles its claims policy, or says which id is missing. */
public final class BrandLookup {
    private final BrandProfiles brands;

    public BrandLookup(BrandProfiles brands) {
        this.brands = brands;
    }

    public ClaimsPolicy policyFor(String profileId, String pointer) throws ExecutorFailure {
        Optional<JsonNode> profile =
                profileId == null || profileId.isBlank() ? Optional.empty() : brands.find(profileId);
        if (profile.isEmpty()) {
            throw InputProblems.single(
                    pointer,
                    "brand profile '" + profileId + "' does not exist; create it with"
                            + " brand.update_profile or pass the id of an existing profile (e.g. \"default\")");
        }
        return new ClaimsPolicy(BrandRules.fromBrandJson(profileId, profile.get()));
    }
}
