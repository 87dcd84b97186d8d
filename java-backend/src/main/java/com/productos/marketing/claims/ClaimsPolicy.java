package com.productos.marketing.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A brand's claims policy compiled once: forbidden-claim matchers, dont rules and required disclaimers. */
public final class ClaimsPolicy {
    private final BrandRules brand;
    private final List<PhraseMatcher> forbiddenClaims;
    private final DontRules dontRules;

    public ClaimsPolicy(BrandRules brand) {
        this.brand = brand;
        List<PhraseMatcher> forbidden = new ArrayList<>();
        for (String claim : brand.forbiddenClaims()) {
            PhraseMatcher matcher = new PhraseMatcher(claim);
            if (!matcher.isEmpty()) forbidden.add(matcher);
        }
        this.forbiddenClaims = List.copyOf(forbidden);
        this.dontRules = DontRules.parse(brand.donts());
    }

    public BrandRules brand() {
        return brand;
    }

    public DontRules dontRules() {
        return dontRules;
    }

    public List<String> requiredDisclaimers() {
        return brand.requiredDisclaimers();
    }

    /** The first forbidden claim the text makes, if any. */
    public Optional<String> forbiddenClaimIn(String text) {
        List<String> stems = PhraseMatcher.contentStems(text);
        for (PhraseMatcher matcher : forbiddenClaims) {
            if (matcher.find(stems).isPresent()) return Optional.of(matcher.phrase());
        }
        return Optional.empty();
    }

    /** The first banned {@code dont} phrase the text uses, if any. */
    public Optional<String> dontPhraseIn(String text) {
        List<String> stems = PhraseMatcher.contentStems(text);
        for (PhraseMatcher matcher : dontRules.bannedPhrases()) {
            if (matcher.find(stems).isPresent()) return Optional.of(matcher.phrase());
        }
        return Optional.empty();
    }

    /** Text the brand would never say: a forbidden claim or a banned phrase, described for a warning. */
    public Optional<String> offenceIn(String text) {
        Optional<String> claim = forbiddenClaimIn(text);
        if (claim.isPresent()) {
            return Optional.of("it makes the forbidden claim '" + claim.get() + "' (brand profile '" + brand.profileId()
                    + "' claims_policy.forbidden_claims)");
        }
        return dontPhraseIn(text)
                .map(phrase -> "it uses '" + phrase + "', which the brand profile '" + brand.profileId()
                        + "' lists under voice.dont");
    }

    /** Whether {@code text} contains {@code disclaimer}, ignoring case and runs of white space. */
    public static boolean containsDisclaimer(String text, String disclaimer) {
        return squash(text).contains(squash(disclaimer));
    }

    private static String squash(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
