package com.productos.marketing.generation;

import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.DontRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brief with everything the brand would not say taken out before any copy is written: a key point,
 * offer or call to action that makes a forbidden claim or uses a banned phrase is dropped with a
 * warning that names the claim and the rule. Style rules (no exclamation marks, no capitals) are
 * applied to what remains.
 */
public record ScreenedBrief(
        String product,
        String goal,
        String audience,
        List<String> keyPoints,
        String offer,
        String callToAction,
        String landingPageUrl) {

    private static final Pattern SHOUTED_WORD = Pattern.compile("\\b(\\p{Lu})(\\p{Lu}{3,})\\b");

    public static ScreenedBrief screen(CampaignBrief brief, ClaimsPolicy policy, List<String> warnings) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < brief.keyPoints().size(); i++) {
            String point = brief.keyPoints().get(i);
            Optional<String> offence = policy.offenceIn(point);
            if (offence.isPresent()) {
                warnings.add("dropped key point " + (i + 1) + " (\"" + point + "\"): " + offence.get());
            } else {
                points.add(sentence(styled(point, policy.dontRules())));
            }
        }
        String product = brief.product();
        if (product != null && policy.offenceIn(product).isPresent()) {
            warnings.add("the product name \"" + product + "\" is replaced by the brand name: "
                    + policy.offenceIn(product).get());
            product = policy.brand().name();
        }
        return new ScreenedBrief(
                product == null ? policy.brand().name() : product,
                keep("goal", brief.goal(), policy, warnings),
                keep("audience", brief.audience(), policy, warnings),
                points,
                keepStyled("offer", brief.offer(), policy, warnings),
                keepStyled("call to action", brief.callToAction(), policy, warnings),
                brief.landingPageUrl());
    }

    private static String keep(String what, String value, ClaimsPolicy policy, List<String> warnings) {
        if (value == null) return null;
        Optional<String> offence = policy.offenceIn(value);
        if (offence.isPresent()) {
            warnings.add("dropped the " + what + " (\"" + value + "\"): " + offence.get());
            return null;
        }
        return value;
    }

    private static String keepStyled(String what, String value, ClaimsPolicy policy, List<String> warnings) {
        String kept = keep(what, value, policy, warnings);
        return kept == null ? null : styled(kept, policy.dontRules()).replaceAll("[.!]+$", "");
    }

    static String styled(String text, DontRules rules) {
        String result = text;
        if (rules.noExclamation()) result = result.replaceAll("!+", ".").replace("..", ".");
        if (rules.noAllCaps()) {
            Matcher matcher = SHOUTED_WORD.matcher(result);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(
                        out, matcher.group(1) + matcher.group(2).toLowerCase(java.util.Locale.ROOT));
            }
            matcher.appendTail(out);
            result = out.toString();
        }
        return result;
    }

    /** A key point as a sentence: capitalised, ending in a full stop unless it already ends a sentence. */
    static String sentence(String point) {
        String trimmed = point.trim().replaceAll("[,;:]+$", "");
        if (trimmed.isEmpty()) return trimmed;
        String capitalised = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
        return capitalised.matches(".*[.!?…]$") ? capitalised : capitalised + ".";
    }
}
