package com.productos.marketing.channels;

import java.util.Locale;
import java.util.Optional;

/** The generation constraint {@code emoji_level}: how many emoji a post may carry, before the channel's cap. */
public enum EmojiLevel {
    NONE(0),
    LIGHT(1),
    MEDIUM(2),
    HEAVY(4);

    private final int emojiPerPost;

    EmojiLevel(int emojiPerPost) {
        this.emojiPerPost = emojiPerPost;
    }

    public static Optional<EmojiLevel> fromWire(String text) {
        for (EmojiLevel level : values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(text)) return Optional.of(level);
        }
        return Optional.empty();
    }

    /** Emoji allowed in one post on {@code channel}: the level's count, never above the channel's cap. */
    public int allowedOn(Channel channel) {
        return Math.min(emojiPerPost, channel.emojiCap());
    }
}
