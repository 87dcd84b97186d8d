package com.productos.marketing.generation;

import com.productos.marketing.claims.ClaimsPolicy;
import java.util.List;
import java.util.Locale;

/**
 * How the brand's tone and style notes shape the deterministic copy: which openings fit, whether an
 * exclamation mark is in character, how many key points a post carries, and how far emoji may go.
 */
public record VoiceStyle(
        Register register,
        boolean exclamationAllowed,
        int maxKeyPoints,
        boolean emojiRestrained,
        boolean addressReader) {

    public enum Register {
        FORMAL,
        PLAYFUL,
        NEUTRAL
    }

    private static final List<String> FORMAL_WORDS = List.of(
            "formal",
            "professional",
            "authoritative",
            "serious",
            "expert",
            "trustworthy",
            "precise",
            "corporate",
            "calm");
    private static final List<String> PLAYFUL_WORDS = List.of(
            "playful", "fun", "witty", "energetic", "enthusiastic", "bold", "cheeky", "upbeat", "excited", "casual");

    public static VoiceStyle of(ClaimsPolicy policy) {
        String tone = String.join(" ", policy.brand().tone()).toLowerCase(Locale.ROOT);
        String notes = String.join(" ", policy.brand().styleNotes()).toLowerCase(Locale.ROOT);
        boolean formal = FORMAL_WORDS.stream().anyMatch(word -> tone.contains(word) || notes.contains(word));
        boolean playful = !formal && PLAYFUL_WORDS.stream().anyMatch(tone::contains);
        Register register = formal ? Register.FORMAL : playful ? Register.PLAYFUL : Register.NEUTRAL;
        boolean exclamation = playful && !policy.dontRules().noExclamation() && !notes.contains("exclamation");
        boolean concise = notes.contains("short")
                || notes.contains("concise")
                || notes.contains("brief")
                || notes.contains("punchy");
        boolean addressReader =
                notes.contains("second person") || notes.contains("\"you\"") || notes.contains("speak to");
        return new VoiceStyle(register, exclamation, concise ? 2 : 4, formal, addressReader);
    }

    /** The opening sentence for a variation; {product} and {audience} filled in by the caller. */
    public String hook(int variation) {
        String end = exclamationAllowed ? "!" : ".";
        List<String> hooks = switch (register) {
            case FORMAL ->
                List.of(
                        "Introducing {product}.",
                        "{product} for {audience}.",
                        "A closer look at {product}.",
                        "What {product} offers {audience}.",
                        "{product}, built for {audience}.");
            case PLAYFUL ->
                List.of(
                        "Meet {product}" + end,
                        "Say hello to {product}" + end,
                        "Good news, {audience}" + end,
                        "Here's what {product} does for you" + end,
                        "Fresh from the team: {product}" + end);
            case NEUTRAL ->
                addressReader
                        ? List.of(
                                "Meet {product}.",
                                "Here's how {product} helps you.",
                                "{product} for {audience}.",
                                "New for you: {product}.",
                                "Why try {product}?")
                        : List.of(
                                "Meet {product}.",
                                "{product} for {audience}.",
                                "Here's how {product} helps {audience}.",
                                "New: {product}.",
                                "Why {audience} try {product}.");
        };
        return hooks.get(Math.floorMod(variation, hooks.size()));
    }

    /** Emoji for this register, in the order they are used. */
    public List<String> emojiPalette(int variation) {
        List<String> palette = switch (register) {
            case FORMAL -> List.of("📈", "✅", "💡", "🔎");
            case PLAYFUL -> List.of("🚀", "✨", "🎉", "🙌", "👉");
            case NEUTRAL -> List.of("✨", "👉", "✅", "💡", "🚀");
        };
        int shift = Math.floorMod(variation, palette.size());
        return java.util.stream.IntStream.range(0, palette.size())
                .mapToObj(i -> palette.get((i + shift) % palette.size()))
                .toList();
    }

    /** Formal voices keep emoji to one per post whatever the level asks. */
    public int emojiBudget(int allowedByLevelAndChannel) {
        return emojiRestrained ? Math.min(1, allowedByLevelAndChannel) : allowedByLevelAndChannel;
    }
}
