package com.productos.marketing.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.marketing.Brands;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.Emoji;
import com.productos.marketing.channels.EmojiLevel;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.PostCheck;
import com.productos.marketing.claims.PostChecker;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeterministicPostGeneratorTest {
    private final DeterministicPostGenerator generator = new DeterministicPostGenerator();
    private final ClaimsPolicy policy = Brands.acmePolicy();
    private final CampaignBrief brief = new CampaignBrief(
            "trial signups",
            "Acme Analytics",
            "SaaS founders",
            List.of(
                    "See where users drop off in your funnel", "Set up in five minutes with one script tag",
                    "Guaranteed results in your first week", "Share live dashboards with your team"),
            "14-day free trial",
            "Start your free trial",
            "https://acme.example/trial?utm_source=social&utm_campaign=launch");

    private GenerationResult generate(List<Channel> channels, CopyConstraints constraints) {
        return generator.generate(new GenerationRequest(brief, channels, 3, constraints, policy));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyPostShouldPassEveryLimitAndClaimsCheck(Channel channel) {
        GenerationResult result = generate(List.of(channel), CopyConstraints.DEFAULTS);
        List<SocialPost> posts = result.channels().get(0).posts();
        assertEquals(3, posts.size());
        for (SocialPost post : posts) {
            PostCheck check = new PostChecker().check(channel, post, policy, CopyConstraints.DEFAULTS);
            assertTrue(check.passes(), channel + ": " + check.violations() + "\n" + post.text());
            assertTrue(post.text().contains("Terms apply."), "the disclaimer should be present:\n" + post.text());
            assertFalse(post.text().toLowerCase().contains("guarantee"), post.text());
            if (channel.hasTitle())
                assertTrue(post.title() != null && channel.length(post.title()) <= channel.titleLimit());
        }
    }

    @Test
    void aForbiddenClaimInTheBriefShouldBeDroppedWithAWarningThatSaysWhy() {
        GenerationResult result = generate(List.of(Channel.LINKEDIN), CopyConstraints.DEFAULTS);
        assertTrue(
                result.warnings().stream()
                        .anyMatch(warning -> warning.contains("Guaranteed results in your first week")
                                && warning.contains("forbidden claim 'guaranteed results'")),
                result.warnings().toString());
    }

    @Test
    void theSameInputShouldGiveTheSameOutput() {
        List<Channel> all = Arrays.asList(Channel.values());
        assertEquals(generate(all, CopyConstraints.DEFAULTS), generate(all, CopyConstraints.DEFAULTS));
    }

    @Test
    void variationsShouldDiffer() {
        List<SocialPost> posts = generate(List.of(Channel.LINKEDIN), CopyConstraints.DEFAULTS)
                .channels()
                .get(0)
                .posts();
        assertNotEquals(posts.get(0).text(), posts.get(1).text());
        assertNotEquals(posts.get(1).text(), posts.get(2).text());
    }

    @Test
    void theXPostShouldCountItsLinkAsTwentyThree() {
        SocialPost post = generate(List.of(Channel.X), CopyConstraints.DEFAULTS)
                .channels()
                .get(0)
                .posts()
                .get(0);
        assertTrue(post.text().contains("https://acme.example/trial"), post.text());
        assertTrue(Channel.X.length(post.text()) <= 280);
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 80, 120, 200})
    void maxLengthShouldBindWhenSmallerThanTheChannel(int maxLength) {
        CopyConstraints constraints = new CopyConstraints(maxLength, EmojiLevel.HEAVY, true);
        for (ChannelPosts channelPosts :
                generate(Arrays.asList(Channel.values()), constraints).channels()) {
            for (SocialPost post : channelPosts.posts()) {
                PostCheck check = new PostChecker().check(channelPosts.channel(), post, policy, constraints);
                assertTrue(
                        check.passes(),
                        channelPosts.channel() + " @" + maxLength + ": " + check.violations() + "\n" + post.text());
                assertTrue(channelPosts.channel().length(post.text()) <= maxLength);
            }
        }
    }

    @Test
    void emojiAndHashtagsShouldFollowTheConstraints() {
        CopyConstraints none = new CopyConstraints(null, EmojiLevel.NONE, false);
        for (ChannelPosts channelPosts :
                generate(Arrays.asList(Channel.values()), none).channels()) {
            for (SocialPost post : channelPosts.posts()) {
                assertEquals(0, Emoji.count(post.text()), post.text());
                assertEquals(0, PostChecker.countHashtags(post.text()), post.text());
            }
        }
        CopyConstraints heavy = new CopyConstraints(null, EmojiLevel.HEAVY, true);
        SocialPost instagram = generate(List.of(Channel.INSTAGRAM), heavy)
                .channels()
                .get(0)
                .posts()
                .get(0);
        assertTrue(Emoji.count(instagram.text()) >= 2, instagram.text());
        assertTrue(instagram.text().contains("link in bio"), "Instagram captions do not link:\n" + instagram.text());
        assertTrue(PostChecker.countHashtags(instagram.text()) >= 3, instagram.text());
    }

    @Test
    void theBrandsNoExclamationRuleShouldHold() {
        CampaignBrief loud = new CampaignBrief(
                "signups",
                "Acme Analytics",
                "founders",
                List.of("Fast setup!", "LOVE your data!!"),
                "Free trial!",
                "Try it now!",
                null);
        GenerationResult result = generator.generate(
                new GenerationRequest(loud, List.of(Channel.X, Channel.LINKEDIN), 2, CopyConstraints.DEFAULTS, policy));
        result.channels()
                .forEach(channel ->
                        channel.posts().forEach(post -> assertFalse(post.text().contains("!"), post.text())));
    }

    @Test
    void aModelPostWithAForbiddenClaimShouldBeRepaired() {
        SocialPost modelPost = new SocialPost(
                "Acme Analytics is the number one analytics tool. See every drop-off. "
                        + "Start free: https://acme.example",
                null,
                null,
                List.of(),
                List.of());
        List<String> warnings = new java.util.ArrayList<>();
        SocialPost repaired =
                new PostEnforcer().enforce(Channel.X, modelPost, policy, CopyConstraints.DEFAULTS, warnings);
        assertFalse(repaired.text().contains("number one"), repaired.text());
        assertTrue(repaired.text().contains("Terms apply."), repaired.text());
        assertTrue(new PostChecker()
                .check(Channel.X, repaired, policy, CopyConstraints.DEFAULTS)
                .passes());
        assertTrue(warnings.get(0).contains("number one analytics tool"), warnings.toString());
    }

    private static ClaimsPolicy voice(String tone, String styleNote) {
        return new ClaimsPolicy(new com.productos.marketing.claims.BrandRules(
                "v", "V", List.of(tone), List.of(styleNote), List.of(), List.of(), List.of(), List.of(), ""));
    }

    @Test
    void theBrandsToneShouldShapeOpeningsPunctuationAndEmoji() {
        CopyConstraints heavy = new CopyConstraints(null, EmojiLevel.HEAVY, true);
        List<SocialPost> formal = generator
                .generate(new GenerationRequest(
                        brief, List.of(Channel.FACEBOOK), 3, heavy, voice("professional", "Formal register")))
                .channels()
                .get(0)
                .posts();
        List<SocialPost> playful = generator
                .generate(new GenerationRequest(
                        brief, List.of(Channel.FACEBOOK), 3, heavy, voice("playful", "Short sentences")))
                .channels()
                .get(0)
                .posts();
        assertTrue(
                formal.get(0).text().startsWith("Introducing Acme Analytics."),
                formal.get(0).text());
        formal.forEach(post -> {
            assertTrue(Emoji.count(post.text()) <= 1, "a formal voice keeps emoji to one:\n" + post.text());
            assertFalse(post.text().contains("!"), post.text());
        });
        assertTrue(
                playful.get(0).text().startsWith("Meet Acme Analytics!"),
                playful.get(0).text());
        assertTrue(Emoji.count(playful.get(0).text()) > 1, playful.get(0).text());
        // "Short sentences": two key points per post at most (the brief has three usable ones).
        assertFalse(
                playful.get(0).text().contains("Share live dashboards"),
                playful.get(0).text());
    }
}
