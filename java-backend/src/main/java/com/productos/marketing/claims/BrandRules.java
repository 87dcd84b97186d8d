package com.productos.marketing.claims;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a brand profile (the registry's brand.get_profile {@code brand} object) that shape and
 * police copy. Missing lists are empty: a profile may be sparse.
 */
public record BrandRules(
        String profileId,
        String name,
        List<String> tone,
        List<String> styleNotes,
        List<String> dos,
        List<String> donts,
        List<String> forbiddenClaims,
        List<String> requiredDisclaimers,
        String primaryAudience) {

    public BrandRules {
        tone = List.copyOf(tone);
        styleNotes = List.copyOf(styleNotes);
        dos = List.copyOf(dos);
        donts = List.copyOf(donts);
        forbiddenClaims = List.copyOf(forbiddenClaims);
        requiredDisclaimers = List.copyOf(requiredDisclaimers);
    }

    public static BrandRules fromBrandJson(String profileId, JsonNode brand) {
        JsonNode voice = brand.path("voice");
        JsonNode claims = brand.path("claims_policy");
        return new BrandRules(
                profileId,
                brand.path("name").asString(profileId),
                strings(voice.path("tone")),
                strings(voice.path("style_notes")),
                strings(voice.path("do")),
                strings(voice.path("dont")),
                strings(claims.path("forbidden_claims")),
                strings(claims.path("required_disclaimers")),
                brand.path("audience").path("primary").asString(""));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (item.isString() && !item.asString().isBlank())
                    values.add(item.asString().trim());
            }
        }
        return values;
    }
}
