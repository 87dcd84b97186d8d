package com.productos.marketing.claims;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flags claim-heavy copy: superlatives, guarantees, numbers, comparisons, health and financial
 * promises. It is deliberately broad (a date is a "number"); a flag only asks for a person's look.
 */
public final class ClaimRiskDetector {
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://\\S+|\\bwww\\.\\S+");
    private static final Map<ClaimCategory, Pattern> PATTERNS = new EnumMap<>(ClaimCategory.class);

    static {
        PATTERNS.put(
                ClaimCategory.SUPERLATIVE,
                Pattern.compile("(?i)#1\\b|\\b(?:best|number one|no\\.? ?1|leading"
                        + "|world[- ]class|best[- ]in[- ]class|unbeatable|ultimate|unmatched|unrivall?ed|fastest|cheapest"
                        + "|easiest|greatest|biggest|smartest|safest|most (?:powerful|advanced|trusted|popular|secure|reliable)"
                        + "|revolutionary|first[- ]ever|perfect)\\b"));
        PATTERNS.put(
                ClaimCategory.GUARANTEE,
                Pattern.compile("(?i)\\b(?:guarantee[sd]?|guaranteeing|promise[sd]?"
                        + "|risk[- ]free|no[- ]risk|always works|never fails?|proven|certain(?:ly)?|ensures?)\\b"));
        PATTERNS.put(ClaimCategory.NUMBER, Pattern.compile("\\d+(?:[.,]\\d+)?\\s*(?:%|x\\b|times\\b)?|[$€£]\\s?\\d"));
        PATTERNS.put(
                ClaimCategory.COMPARISON,
                Pattern.compile(
                        "(?i)\\b(?:\\w+er than|more than|less than"
                                + "|vs\\.?|versus|compared (?:to|with)|outperforms?|beats?|unlike (?:other|any)|than (?:ever|any))\\b"));
        PATTERNS.put(
                ClaimCategory.HEALTH,
                Pattern.compile("(?i)\\b(?:cures?|cured|heals?|healing|treats? "
                        + "|treatment|prevents? (?:disease|illness)|disease|weight loss|lose weight|clinically|immune"
                        + "|detox|symptoms?|anxiety|diabetes|cancer|fda[- ]approved)\\b"));
        PATTERNS.put(
                ClaimCategory.FINANCIAL,
                Pattern.compile("(?i)\\b(?:earn(?:ings)?|income|profits?|returns?"
                        + "|roi|get rich|make money|passive income|double your|financial freedom|save (?:money|\\$)"
                        + "|investment|interest rates?|free money|pays? for itself)\\b"));
    }

    public List<ClaimFlag> detect(String text) {
        String withoutUrls = URL.matcher(text).replaceAll(" ");
        List<ClaimFlag> flags = new ArrayList<>();
        for (Map.Entry<ClaimCategory, Pattern> entry : PATTERNS.entrySet()) {
            Matcher matcher = entry.getValue().matcher(withoutUrls);
            while (matcher.find()) {
                flags.add(new ClaimFlag(entry.getKey(), matcher.group().trim()));
            }
        }
        return flags;
    }

    /** Claim-heavy means at least one flag: any such claim needs a person to stand behind it. */
    public boolean isClaimHeavy(String text) {
        return !detect(text).isEmpty();
    }
}
