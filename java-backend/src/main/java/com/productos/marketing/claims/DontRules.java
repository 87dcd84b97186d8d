package com.productos.marketing.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A brand's {@code voice.dont} items read as rules: quoted words and the object of "avoid/never/don't
 * say X" become banned phrases; items about exclamation marks, emoji, hashtags or capitals become style
 * rules that the generator follows and the checker enforces.
 */
public final class DontRules {
    private static final Pattern QUOTED = Pattern.compile("(?<!\\p{L})[\"“'‘]([^\"”'’]{2,})[\"”'’](?!\\p{L})");
    private static final Set<String> INSTRUCTION_WORDS = Set.of(
            "do",
            "don't",
            "dont",
            "don’t",
            "not",
            "never",
            "avoid",
            "avoiding",
            "no",
            "use",
            "using",
            "say",
            "saying",
            "mention",
            "mentioning",
            "write",
            "writing",
            "include",
            "including",
            "make",
            "making",
            "any",
            "overly",
            "excessive");

    private final List<PhraseMatcher> bannedPhrases;
    private final boolean noExclamation;
    private final boolean noEmoji;
    private final boolean noHashtags;
    private final boolean noAllCaps;

    private DontRules(
            List<PhraseMatcher> bannedPhrases,
            boolean noExclamation,
            boolean noEmoji,
            boolean noHashtags,
            boolean noAllCaps) {
        this.bannedPhrases = bannedPhrases;
        this.noExclamation = noExclamation;
        this.noEmoji = noEmoji;
        this.noHashtags = noHashtags;
        this.noAllCaps = noAllCaps;
    }

    public static DontRules parse(List<String> donts) {
        List<PhraseMatcher> phrases = new ArrayList<>();
        boolean exclamation = false;
        boolean emoji = false;
        boolean hashtags = false;
        boolean caps = false;
        for (String item : donts) {
            String lower = item.toLowerCase(Locale.ROOT);
            if (lower.contains("exclamation")) {
                exclamation = true;
                continue;
            }
            if (lower.contains("emoji")) {
                emoji = true;
                continue;
            }
            if (lower.contains("hashtag")) {
                hashtags = true;
                continue;
            }
            if (lower.contains("all caps") || lower.contains("capital") || lower.contains("shouting")) {
                caps = true;
                continue;
            }
            for (String phrase : phrasesOf(item)) {
                PhraseMatcher matcher = new PhraseMatcher(phrase);
                if (!matcher.isEmpty()) phrases.add(matcher);
            }
        }
        return new DontRules(List.copyOf(phrases), exclamation, emoji, hashtags, caps);
    }

    /** Quoted words if any; else what follows "like"/"such as"; else the item without its instruction words. */
    static List<String> phrasesOf(String item) {
        List<String> quoted = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(item);
        while (matcher.find()) quoted.add(matcher.group(1).trim());
        if (!quoted.isEmpty()) return quoted;
        String text = item.replaceAll("[.;:!]+$", "").trim();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String marker : List.of(" such as ", " like ", " e.g. ", " e.g ")) {
            int at = lower.indexOf(marker);
            if (at >= 0) {
                List<String> listed = new ArrayList<>();
                for (String part : text.substring(at + marker.length()).split(",|\\bor\\b|\\band\\b|/")) {
                    if (!part.isBlank()) listed.add(part.trim());
                }
                return listed;
            }
        }
        String[] words = text.split("\\s+");
        int start = 0;
        while (start < words.length && INSTRUCTION_WORDS.contains(words[start].toLowerCase(Locale.ROOT))) start++;
        return start >= words.length
                ? List.of()
                : List.of(String.join(" ", List.of(words).subList(start, words.length)));
    }

    public List<PhraseMatcher> bannedPhrases() {
        return bannedPhrases;
    }

    public boolean noExclamation() {
        return noExclamation;
    }

    public boolean noEmoji() {
        return noEmoji;
    }

    public boolean noHashtags() {
        return noHashtags;
    }

    public boolean noAllCaps() {
        return noAllCaps;
    }
}
