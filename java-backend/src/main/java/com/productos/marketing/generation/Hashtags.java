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
    private static final Set<String> COMMON = Set.of("about", "after", "again", "their", "there", "these", "those",
            "which", "while", "would", "could", "should", "every", "other", "where", "your", "yours", "with", "without",
            "faster", "easier", "better", "more", "less", "into", "from", "than", "that", "this", "what", "when");

    private Hashtags() {}

    static List<String> derive(ScreenedBrief brief, ClaimsPolicy policy) {
        Map<String, String> tags = new LinkedHashMap<>();
        add(tags, camel(brief.product()), policy);
        List<String> sources = new ArrayList<>();
        if (brief.goal() != null) sources.add(brief.goal());
        sources.addAll(brief.keyPoints());
        for (String source : sources) {
            for (String word : source.split("[^\\p{L}\\p{N}]+")) {
                if (word.length() >= 5 && !COMMON.contains(word.toLowerCase(Locale.ROOT)) && !word.matches(".*\\d.*")) {
                    add(tags, "#" + Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT), policy);
                }
            }
        }
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
            if (!word.isEmpty()) tag.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return tag.toString();
    }
}
