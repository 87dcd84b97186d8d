package com.productos.marketing.claims;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a phrase in text regardless of case, accents, inflection, punctuation, filler words and word
 * order: "guaranteed results" matches "Results: guaranteed!" and "we guarantee your results". Every
 * content word of the phrase (as a stem) must occur within a window a little wider than the phrase.
 */
public final class PhraseMatcher {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}%$#]+(?:['’][\\p{L}]+)?");
    private static final Set<String> FILLER = Set.of(
            "a", "an", "the", "to", "of", "for", "and", "or", "our", "your", "you", "we", "is", "are", "be", "it",
            "its", "this", "that", "with", "in", "on", "at", "by", "will", "can", "all", "any", "my", "their", "as",
            "so", "very", "really", "just", "from", "into", "us");
    private static final int EXTRA_WINDOW_WORDS = 3;

    private final String phrase;
    private final List<String> stems;

    public PhraseMatcher(String phrase) {
        this.phrase = phrase;
        this.stems = contentStems(phrase);
    }

    public String phrase() {
        return phrase;
    }

    /** Whether the phrase has any content word at all (a phrase of only filler words matches nothing). */
    public boolean isEmpty() {
        return stems.isEmpty();
    }

    public boolean matches(String text) {
        return find(contentStems(text)).isPresent();
    }

    /** The index of the first text stem of a match, on already-stemmed text. */
    Optional<Integer> find(List<String> textStems) {
        if (stems.isEmpty()) return Optional.empty();
        int window = stems.size() + EXTRA_WINDOW_WORDS;
        for (int start = 0; start < textStems.size(); start++) {
            if (!stems.contains(textStems.get(start))) continue;
            List<String> remaining = new ArrayList<>(stems);
            for (int i = start; i < Math.min(textStems.size(), start + window) && !remaining.isEmpty(); i++) {
                remaining.remove(textStems.get(i));
            }
            if (remaining.isEmpty()) return Optional.of(start);
        }
        return Optional.empty();
    }

    static List<String> contentStems(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        List<String> stems = new ArrayList<>();
        Matcher matcher = WORD.matcher(folded);
        while (matcher.find()) {
            String word = matcher.group();
            if (word.startsWith("#")) word = word.substring(1);
            for (String part : splitJoinedWord(word)) {
                String lower = part.toLowerCase(Locale.ROOT);
                if (!lower.isEmpty() && !FILLER.contains(lower)) stems.add(Stemmer.stem(lower));
            }
        }
        return stems;
    }

    /** "GuaranteedResults" (a hashtag) reads as two words; "$100" as "$" and "100". */
    private static List<String> splitJoinedWord(String word) {
        return List.of(word.replace("$", " $ ")
                .replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ")
                .trim()
                .split("\\s+"));
    }
}
