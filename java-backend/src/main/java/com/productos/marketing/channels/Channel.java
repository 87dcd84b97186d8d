package com.productos.marketing.channels;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The social channels of the registry's channel enum, with each network's own limits and habits.
 * {@code textLimit} bounds the post body (YouTube: the description; Reddit: the self-post body);
 * {@code titleLimit} is 0 when the channel has no title. {@code maxHashtags} is the habit, not the hard
 * limit (Instagram allows 30; a handful works better). {@code emojiCap} is the most emoji the channel's
 * readers tolerate at the "heavy" level.
 */
public enum Channel {
    X("x", "X", 280, 0, LengthCounting.X_WEIGHTED, 2, 3),
    LINKEDIN("linkedin", "LinkedIn", 3000, 0, LengthCounting.UTF16_UNITS, 3, 2),
    FACEBOOK("facebook", "Facebook", 63206, 0, LengthCounting.UTF16_UNITS, 2, 4),
    INSTAGRAM("instagram", "Instagram", 2200, 0, LengthCounting.UTF16_UNITS, 8, 5),
    TIKTOK("tiktok", "TikTok", 2200, 0, LengthCounting.UTF16_UNITS, 5, 5),
    YOUTUBE("youtube", "YouTube", 5000, 100, LengthCounting.UTF16_UNITS, 3, 3),
    PINTEREST("pinterest", "Pinterest", 500, 100, LengthCounting.UTF16_UNITS, 5, 2),
    REDDIT("reddit", "Reddit", 40000, 300, LengthCounting.UTF16_UNITS, 0, 0),
    GOOGLE_BUSINESS("google_business", "Google Business Profile", 1500, 0, LengthCounting.UTF16_UNITS, 0, 1),
    MASTODON("mastodon", "Mastodon", 500, 0, LengthCounting.CODE_POINTS_URL_23, 4, 3),
    BLUESKY("bluesky", "Bluesky", 300, 0, LengthCounting.GRAPHEMES, 2, 3),
    THREADS("threads", "Threads", 500, 0, LengthCounting.UTF16_UNITS, 1, 4);

    private final String wireName;
    private final String displayName;
    private final int textLimit;
    private final int titleLimit;
    private final LengthCounting counting;
    private final int maxHashtags;
    private final int emojiCap;

    Channel(
            String wireName,
            String displayName,
            int textLimit,
            int titleLimit,
            LengthCounting counting,
            int maxHashtags,
            int emojiCap) {
        this.wireName = wireName;
        this.displayName = displayName;
        this.textLimit = textLimit;
        this.titleLimit = titleLimit;
        this.counting = counting;
        this.maxHashtags = maxHashtags;
        this.emojiCap = emojiCap;
    }

    public static Optional<Channel> fromWire(String name) {
        if (name == null) return Optional.empty();
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(channel -> channel.wireName.equals(wanted))
                .findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Channel::wireName).toList();
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public int textLimit() {
        return textLimit;
    }

    public int titleLimit() {
        return titleLimit;
    }

    public boolean hasTitle() {
        return titleLimit > 0;
    }

    public LengthCounting counting() {
        return counting;
    }

    public int maxHashtags() {
        return maxHashtags;
    }

    public int emojiCap() {
        return emojiCap;
    }

    /** The body limit once {@code constraints.max_length} (when set and smaller) is applied. */
    public int effectiveTextLimit(Integer maxLength) {
        return maxLength == null ? textLimit : Math.min(textLimit, maxLength);
    }

    public int length(String text) {
        return counting.count(text);
    }

    /** Whether the body fits {@code limit} as this network counts it (and any byte bound it has). */
    public boolean fits(String text, int limit) {
        return counting.count(text) <= limit && counting.withinByteBound(text);
    }
}
