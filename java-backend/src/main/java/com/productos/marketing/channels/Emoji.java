package com.productos.marketing.channels;

/** Enough emoji knowledge to count and cap emoji: where one starts and where its sequence ends. */
public final class Emoji {
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;

    private Emoji() {}

    public static boolean isEmojiStart(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2B00 && cp <= 0x2BFF && cp != 0x2B1C)
                || cp == 0x2705
                || cp == 0x231A
                || cp == 0x23F0;
    }

    /** Index just past the emoji sequence that starts at {@code start} (modifiers, joiners, flags, keycaps). */
    public static int endOfSequence(String text, int start) {
        int first = text.codePointAt(start);
        int i = start + Character.charCount(first);
        boolean regionalIndicator = first >= 0x1F1E6 && first <= 0x1F1FF;
        if (regionalIndicator && i < text.length()) {
            int second = text.codePointAt(i);
            if (second >= 0x1F1E6 && second <= 0x1F1FF) return i + Character.charCount(second);
            return i;
        }
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == VARIATION_SELECTOR_16
                    || cp == KEYCAP
                    || (cp >= 0x1F3FB && cp <= 0x1F3FF)
                    || (cp >= 0xE0020 && cp <= 0xE007F)) {
                i += Character.charCount(cp);
            } else if (cp == ZERO_WIDTH_JOINER && i + 1 < text.length() && isEmojiStart(text.codePointAt(i + 1))) {
                i += 1;
                i += Character.charCount(text.codePointAt(i));
            } else {
                break;
            }
        }
        return i;
    }

    /** Number of emoji (whole sequences) in the text. */
    public static int count(String text) {
        int count = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isEmojiStart(cp)) {
                count++;
                i = endOfSequence(text, i);
            } else {
                i += Character.charCount(cp);
            }
        }
        return count;
    }
}
