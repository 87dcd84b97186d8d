package com.productos.marketing.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LengthCountingTest {

    @Nested
    class OnX {
        @Test
        void aUrlShouldCountTwentyThreeWhateverItsLength() {
            String longUrl = "https://example.com/" + "a".repeat(100);
            assertEquals(23, Channel.X.length(longUrl));
            assertEquals(23, Channel.X.length("https://a.co"));
            assertEquals(5 + 23, Channel.X.length("Try: https://example.com/trial?utm_source=x"));
        }

        @Test
        void emojiAndCjkShouldCountTwo() {
            assertEquals(2, Channel.X.length("🚀"));
            assertEquals(2, Channel.X.length("👩‍💻"), "a ZWJ sequence is one emoji");
            assertEquals(2, Channel.X.length("👍🏽"), "a skin-tone modifier belongs to its emoji");
            assertEquals(2, Channel.X.length("🇫🇷"), "a flag is one emoji");
            assertEquals(6, Channel.X.length("日本語"));
            assertEquals(5, Channel.X.length("héllo"));
        }

        @Test
        void aBareDomainShouldNeverBeUnderCounted() {
            assertEquals(23, Channel.X.length("acme.io"));
            assertEquals(4 + 30, Channel.X.length("see " + "a".repeat(26) + ".com"));
        }

        @Test
        void twoHundredEightyWeightedCharactersShouldBeTheLimit() {
            String text = "a".repeat(257) + " https://example.com/" + "x".repeat(60);
            assertEquals(281, Channel.X.length(text));
            assertFalse(Channel.X.fits(text, Channel.X.textLimit()));
            assertTrue(Channel.X.fits(text.substring(1), Channel.X.textLimit()));
        }
    }

    @Test
    void mastodonShouldCountCodePointsAndUrlsAsTwentyThree() {
        assertEquals(1, Channel.MASTODON.length("🚀"));
        assertEquals(4 + 23, Channel.MASTODON.length("see https://example.com/" + "a".repeat(80)));
    }

    @Test
    void blueskyShouldCountGraphemes() {
        assertEquals(1, Channel.BLUESKY.length("é"), "e + combining accent is one grapheme");
        assertEquals(3, Channel.BLUESKY.length("abc"));
        assertEquals(300, Channel.BLUESKY.textLimit());
    }

    @Test
    void linkedinShouldCountUtf16Units() {
        assertEquals(2, Channel.LINKEDIN.length("🚀"));
        assertEquals(24, Channel.LINKEDIN.length("https://example.com/abcd"));
    }

    @ParameterizedTest
    @CsvSource({
        "x,280,0",
        "bluesky,300,0",
        "threads,500,0",
        "mastodon,500,0",
        "linkedin,3000,0",
        "instagram,2200,0",
        "tiktok,2200,0",
        "pinterest,500,100",
        "reddit,40000,300",
        "google_business,1500,0",
        "youtube,5000,100",
        "facebook,63206,0"
    })
    void everyChannelShouldCarryItsNetworksLimits(String wire, int textLimit, int titleLimit) {
        Channel channel = Channel.fromWire(wire).orElseThrow();
        assertEquals(textLimit, channel.textLimit());
        assertEquals(titleLimit, channel.titleLimit());
    }

    @Test
    void maxLengthShouldOnlyLowerALimit() {
        assertEquals(100, Channel.LINKEDIN.effectiveTextLimit(100));
        assertEquals(280, Channel.X.effectiveTextLimit(4000));
        assertEquals(280, Channel.X.effectiveTextLimit(null));
    }

    @Test
    void emojiCountShouldTreatSequencesAsOne() {
        assertEquals(3, Emoji.count("Hi 👩‍💻 and 🇫🇷 and ✨ done"));
    }
}
