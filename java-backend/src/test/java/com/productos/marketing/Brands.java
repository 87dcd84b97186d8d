package com.productos.marketing;

import com.productos.json.Json;
import com.productos.marketing.claims.BrandRules;
import com.productos.marketing.claims.ClaimsPolicy;
import tools.jackson.databind.JsonNode;

/** Brand profiles in the registry's brand.get_profile shape, for tests. */
public final class Brands {
    private Brands() {}

    public static JsonNode acme() {
        return Json.parse("""
                {"name": "Acme Analytics",
                 "voice": {"tone": ["friendly", "confident"],
                           "style_notes": ["Plain words", "Speak to the reader as you"],
                           "do": ["Lead with the benefit"],
                           "dont": ["Don't say 'revolutionary'", "No exclamation marks", "Avoid mentioning competitors"]},
                 "audience": {"primary": "SaaS founders"},
                 "claims_policy": {"forbidden_claims": ["guaranteed results", "cures burnout", "number one analytics tool"],
                                   "required_disclaimers": ["Terms apply."],
                                   "compliance_notes": ["No health claims"]}}
                """);
    }

    public static ClaimsPolicy acmePolicy() {
        return new ClaimsPolicy(BrandRules.fromBrandJson("acme", acme()));
    }

    public static JsonNode plain() {
        return Json.parse("""
                {"name": "Plain Co", "voice": {"tone": [], "style_notes": [], "do": [], "dont": []},
                 "audience": {}, "claims_policy": {}}
                """);
    }
}
