package com.productos.marketing.channels;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a network measures the length of a post. Where a network's exact rule is not published we count
 * UTF-16 code units, which is never fewer than code points or graphemes, so a post we accept is never
 * rejected for length by the network.
 */
public enum LengthCounting {
    /**
     * X (twitter-text v3): text is NFC-normalised; code points in U+0000-U+10FF, U+2000-U+200D,
     * U+2010-U+201F and U+2032-U+2037 weigh 1, everything else 2; an emoji (with its modifiers, joiners
     * and variation selectors) weighs 2 as a whole; every URL weighs 23 whatever its length. A bare
     * domain that X might or might not link is counted as max(23, its own weight), safe either way.
     */
    X_WEIGHTED,
    /**
     * Mastodon: code points (Ruby String#length on the server), every http(s) URL counted as 23.
     */
    CODE_POINTS_URL_23,
    /**
     * Bluesky: grapheme clusters (the app view's rule; 3,000 UTF-8 bytes at most as well). Java 17's
     * BreakIterator splits some emoji sequences, which can only over-count.
     */
    GRAPHEMES,
    /** LinkedIn, Facebook, Instagram, TikTok, YouTube, Pinterest, Reddit, Google Business, Threads. */
    UTF16_UNITS;

    public static final int X_URL_WEIGHT = 23;
    static final Pattern SCHEME_URL = Pattern.compile("(?i)\\bhttps?://[^\\s]+");
    static final Pattern BARE_DOMAIN = Pattern.compile("(?i)(?<![@\\w.])(?:[a-z0-9-]+\\.)+[a-z]{2,}(?:/[^\\s]*)?");

    public int count(String text) {
        return switch (this) {
            case X_WEIGHTED -> xWeighted(text);
            case CODE_POINTS_URL_23 -> codePointsWithUrls(text);
            case GRAPHEMES -> graphemes(text);
            case UTF16_UNITS -> text.length();
        };
    }

    /** Whether the network also has a byte bound we must respect (Bluesky: 3,000 UTF-8 bytes). */
    public boolean withinByteBound(String text) {
        return this != GRAPHEMES || text.getBytes(StandardCharsets.UTF_8).length <= 3000;
    }

    public String describe() {
        return switch (this) {
            case X_WEIGHTED -> "X weighted characters (URLs count 23, most emoji and CJK count 2)";
            case CODE_POINTS_URL_23 -> "characters (URLs count 23)";
            case GRAPHEMES -> "graphemes";
            case UTF16_UNITS -> "characters";
        };
    }

    private static int codePointsWithUrls(String text) {
        Matcher matcher = SCHEME_URL.matcher(text);
        int total = 0;
        int from = 0;
        while (matcher.find()) {
            total += text.codePointCount(from, matcher.start()) + X_URL_WEIGHT;
            from = matcher.end();
        }
        return total + text.codePointCount(from, text.length());
    }

    private static int graphemes(String text) {
        BreakIterator iterator = BreakIterator.getCharacterInstance(Locale.ROOT);
        iterator.setText(text);
        int count = 0;
        while (iterator.next() != BreakIterator.DONE) count++;
        return count;
    }

    private static int xWeighted(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int total = 0;
        int from = 0;
        Matcher urls = SCHEME_URL.matcher(text);
        while (urls.find()) {
            total += xPlain(text.substring(from, urls.start())) + X_URL_WEIGHT;
            from = urls.end();
        }
        return total + xPlain(text.substring(from));
    }

    /** Weight of text that has no scheme URL in it; bare domains are counted on the safe side. */
    private static int xPlain(String text) {
        int total = 0;
        int from = 0;
        Matcher domains = BARE_DOMAIN.matcher(text);
        while (domains.find()) {
            total += xCharacters(text.substring(from, domains.start()));
            total += Math.max(X_URL_WEIGHT, xCharacters(domains.group()));
            from = domains.end();
        }
        return total + xCharacters(text.substring(from));
    }

    private static int xCharacters(String text) {
        int total = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (Emoji.isEmojiStart(cp)) {
                next = Emoji.endOfSequence(text, i);
                total += 2;
            } else {
                total += xLightRange(cp) ? 1 : 2;
            }
            i = next;
        }
        return total;
    }

    private static boolean xLightRange(int cp) {
        return cp <= 0x10FF
                || (cp >= 0x2000 && cp <= 0x200D)
                || (cp >= 0x2010 && cp <= 0x201F)
                || (cp >= 0x2032 && cp <= 0x2037);
    }
}
