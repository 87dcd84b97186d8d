package com.productos.marketing.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.marketing.Brands;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.EmojiLevel;
import com.productos.marketing.channels.SocialPost;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimsPolicyTest {
    private final ClaimsPolicy policy = Brands.acmePolicy();

    @Nested
    class ForbiddenClaims {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Guaranteed results in a week",
                    "We GUARANTEE results.",
                    "results, guaranteed",
                    "Our guarantee: real results",
                    "It cured my burnout",
                    "Curing burnout since 2020",
                    "The number-one analytics tool",
                    "#GuaranteedResults",
                    "Résults guaranteéd"
                })
        void shouldMatchAcrossCaseInflectionOrderAndPunctuation(String text) {
            assertTrue(policy.forbiddenClaimIn(text).isPresent(), text);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "Results you can read at a glance",
                    "A guarantee of nothing but clarity, and then some more words and finally results",
                    "Burnout is real",
                    "Analytics for founders"
                })
        void shouldNotMatchUnrelatedCopy(String text) {
            assertFalse(policy.forbiddenClaimIn(text).isPresent(), text);
        }
    }

    @Test
    void dontItemsShouldBecomePhrasesAndStyleRules() {
        DontRules rules = policy.dontRules();
        assertTrue(rules.noExclamation());
        assertFalse(rules.noEmoji());
        assertTrue(policy.dontPhraseIn("A Revolutionary dashboard").isPresent());
        assertTrue(policy.dontPhraseIn("Better than our competitor").isPresent(), "competitors stems to competitor");
        assertEquals(List.of("hype", "buzzwords"), DontRules.phrasesOf("Avoid words like hype or buzzwords"));
        assertEquals(List.of("synergy"), DontRules.phrasesOf("Never say \"synergy\""));
    }

    @Test
    void claimRiskShouldFlagEveryCategory() {
        ClaimRiskDetector detector = new ClaimRiskDetector();
        Set<ClaimCategory> categories = detector
                .detect("The best tool, guaranteed. 3x faster than spreadsheets. Heals stress and boosts your income.")
                .stream()
                .map(ClaimFlag::category)
                .collect(Collectors.toSet());
        assertEquals(Set.of(ClaimCategory.values()), categories);
        assertFalse(detector.isClaimHeavy("See your funnel at a glance: https://acme.example/p/123"));
    }

    @Nested
    class Checker {
        private final PostChecker checker = new PostChecker();

        @Test
        void aPostThatFollowsEveryRuleShouldPass() {
            SocialPost post = new SocialPost(
                    "See your funnel at a glance. #Acme\nTerms apply.", null, null, List.of("#Acme"), List.of());
            assertTrue(checker.check(Channel.X, post, policy, CopyConstraints.DEFAULTS)
                    .passes());
        }

        @Test
        void eachBrokenRuleShouldBeReportedWithWhatToDo() {
            String text = "Guaranteed results! 🚀🚀 #a #b #c " + "x".repeat(300);
            PostCheck check = checker.check(
                    Channel.X,
                    new SocialPost(text, null, null, List.of(), List.of()),
                    policy,
                    new CopyConstraints(null, EmojiLevel.LIGHT, true));
            Set<String> codes =
                    check.violations().stream().map(PostViolation::code).collect(Collectors.toSet());
            assertEquals(
                    Set.of(
                            "over_limit",
                            "forbidden_claim",
                            "dont_item",
                            "too_many_emoji",
                            "too_many_hashtags",
                            "missing_disclaimer"),
                    codes);
            assertTrue(
                    check.violations().get(0).message().contains("X allows 280"),
                    check.violations().get(0).message());
        }

        @Test
        void aDisclaimerThatCannotFitShouldNotBeDemanded() {
            ClaimsPolicy longDisclaimer = new ClaimsPolicy(new BrandRules(
                    "p", "P", List.of(), List.of(), List.of(), List.of(), List.of(), List.of("d".repeat(60)), ""));
            PostCheck check = checker.check(
                    Channel.X,
                    new SocialPost("Short copy.", null, null, List.of(), List.of()),
                    longDisclaimer,
                    new CopyConstraints(80, EmojiLevel.NONE, false));
            assertTrue(check.passes(), check.violations().toString());
        }
    }
}
