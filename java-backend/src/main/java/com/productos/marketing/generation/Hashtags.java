package com.productos.marketing.generation;

import com.productos.marketing.claims.ClaimsPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Hashtags from the brief: the product name first, then distinctive words of the goal and key points. */
final class Hashtags {
    private static final Set<String> COMMON = Set.of(
            "about",
            "after",
            "again",
            "their",
            "there",
            "these",
            "those",
            "which",
            "while",
            "would",
            "could",
            "should",
            "every",
            "other",
            "where",
            "your",
            "yours",
            "with",
            "without",
            "faster",
            "easier",
            "better",
            "more",
            "less",
            "into",
            "from",
            "than",
            "that",
            "this",
            "what",
            "when",
            "minutes",
            "seconds",
            "everything",
            "everyone",
            "anything",
            "through",
            "between",
            "because",
            "another",
            "already",
            "started",
            "getting",
            "working",
            "including",
            "exactly",
            "support",
            "request",
            "requests");

    private Hashtags() {}

    /**
     * The product name, the goal and the audience as camel-case tags when short, then the longer,
     * distinctive words of the key points (the longest first).
     */
    static List<String> derive(ScreenedBrief brief, ClaimsPolicy policy) {
        Map<String, String> tags = new LinkedHashMap<>();
        add(tags, camel(brief.product()), policy);
        if (brief.goal() != null && brief.goal().split("\\s+").length <= 3) add(tags, camel(brief.goal()), policy);
        if (brief.audience() != null && brief.audience().split("\\s+").length <= 2)
            add(tags, camel(brief.audience()), policy);
        List<String> words = new ArrayList<>();
        for (String point : brief.keyPoints()) {
            for (String word : point.split("[^\\p{L}\\p{N}]+")) {
                String lower = word.toLowerCase(Locale.ROOT);
                if (word.length() >= 7 && !COMMON.contains(lower) && !word.matches(".*\\d.*") && !words.contains(lower))
                    words.add(lower);
            }
        }
        words.sort(java.util.Comparator.comparingInt(String::length)
                .reversed()
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (String word : words) add(tags, "#" + Character.toUpperCase(word.charAt(0)) + word.substring(1), policy);
        return List.copyOf(tags.values());
    }

    private static void add(Map<String, String> tags, String tag, ClaimsPolicy policy) {
        if (tag == null || tag.length() < 3) return;
        if (policy.offenceIn(tag.substring(1)).isPresent()) return;
        tags.putIfAbsent(tag.toLowerCase(Locale.ROOT), tag);
    }

    private static String camel(String name) {
        if (name == null) return null;
        StringBuilder tag = new StringBuilder("#");
        for (String word : name.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty())
                tag.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return tag.toString();
    }
}
