package com.productos.marketing.channels;

/**
 * The generation input's {@code constraints}: {@code maxLength} (null when not set) lowers a channel's
 * body limit, never raises it.
 */
public record CopyConstraints(Integer maxLength, EmojiLevel emojiLevel, boolean includeHashtags) {
    public static final CopyConstraints DEFAULTS = new CopyConstraints(null, EmojiLevel.LIGHT, true);

    public int textLimit(Channel channel) {
        return channel.effectiveTextLimit(maxLength);
    }

    public int hashtagsAllowed(Channel channel) {
        return includeHashtags ? channel.maxHashtags() : 0;
    }
}
