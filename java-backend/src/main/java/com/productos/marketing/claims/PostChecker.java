package com.productos.marketing.claims;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.Emoji;
import com.productos.marketing.channels.SocialPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a post against its channel's limits (counted the network's way), the brand's claims policy
 * and dont rules, required disclaimers, and the constraints' emoji and hashtag budget. Used on
 * generated posts, on model output and on a person's edits alike.
 */
public final class PostChecker {
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#[\\p{L}\\p{N}_]+");
    private static final Pattern SHOUTED_WORD = Pattern.compile("\\b\\p{Lu}{4,}\\b");
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://\\S+");
    private final ClaimRiskDetector claimRisk = new ClaimRiskDetector();

    public PostCheck check(Channel channel, SocialPost post, ClaimsPolicy policy, CopyConstraints constraints) {
        List<PostViolation> violations = new ArrayList<>();
        String text = post.text();
        int limit = constraints.textLimit(channel);
        if (text.isBlank()) {
            violations.add(new PostViolation("empty_text", "text", "the post text is empty; write the post", true));
        }
        int length = channel.length(text);
        if (!channel.fits(text, limit)) {
            violations.add(new PostViolation(
                    "over_limit",
                    "text",
                    "the text is " + length + " "
                            + channel.counting().describe() + "; " + limitWording(channel, limit, constraints)
                            + "; shorten it by " + Math.max(1, length - limit),
                    true));
        }
        if (post.title() != null && channel.hasTitle() && channel.length(post.title()) > channel.titleLimit()) {
            violations.add(new PostViolation(
                    "title_over_limit",
                    "title",
                    "the title is "
                            + channel.length(post.title()) + " characters; " + channel.displayName() + " titles allow "
                            + channel.titleLimit(),
                    true));
        }
        String everything =
                text + "\n" + (post.title() == null ? "" : post.title()) + "\n" + String.join(" ", post.hashtags());
        Optional<String> claim = policy.forbiddenClaimIn(everything);
        claim.ifPresent(value -> violations.add(new PostViolation(
                "forbidden_claim",
                "text",
                "the post makes the forbidden claim '" + value + "'; remove it (brand claims_policy.forbidden_claims)",
                true)));
        Optional<String> dont = policy.dontPhraseIn(everything);
        dont.ifPresent(value -> violations.add(new PostViolation(
                "dont_item",
                "text",
                "the post uses '" + value + "', which the brand's voice.dont rules out; reword it",
                true)));
        DontRules style = policy.dontRules();
        if (style.noExclamation() && everything.contains("!")) {
            violations.add(
                    new PostViolation("dont_item", "text", "the brand's voice.dont rules out exclamation marks", true));
        }
        if (style.noAllCaps()
                && SHOUTED_WORD.matcher(URL.matcher(text).replaceAll(" ")).find()) {
            violations.add(
                    new PostViolation("dont_item", "text", "the brand's voice.dont rules out words in capitals", true));
        }
        int emoji = Emoji.count(everything);
        int emojiAllowed = style.noEmoji() ? 0 : constraints.emojiLevel().allowedOn(channel);
        if (emoji > emojiAllowed) {
            violations.add(new PostViolation(
                    "too_many_emoji",
                    "text",
                    "the post has " + emoji + " emoji; "
                            + (style.noEmoji()
                                    ? "the brand's voice.dont rules out emoji"
                                    : "emoji_level "
                                            + constraints.emojiLevel().name().toLowerCase() + " on "
                                            + channel.displayName() + " allows " + emojiAllowed),
                    style.noEmoji()));
        }
        int hashtags = countHashtags(text);
        int hashtagsAllowed = style.noHashtags() ? 0 : constraints.hashtagsAllowed(channel);
        if (hashtags > hashtagsAllowed) {
            violations.add(new PostViolation(
                    "too_many_hashtags",
                    "text",
                    "the post has " + hashtags + " hashtags; " + channel.displayName()
                            + " with these constraints takes at most " + hashtagsAllowed,
                    style.noHashtags()));
        }
        for (String disclaimer : disclaimersThatFit(policy, channel, limit)) {
            if (!ClaimsPolicy.containsDisclaimer(text, disclaimer)) {
                violations.add(new PostViolation(
                        "missing_disclaimer",
                        "text",
                        "the required disclaimer \"" + disclaimer
                                + "\" is missing; add it (brand claims_policy.required_disclaimers)",
                        true));
            }
        }
        return new PostCheck(violations, claimRisk.detect(everything));
    }

    /**
     * The required disclaimers a post on this channel must carry: all of them, in order, as long as
     * together they leave room for at least a short sentence of copy ("where the channel allows").
     */
    public static List<String> disclaimersThatFit(ClaimsPolicy policy, Channel channel, int limit) {
        List<String> fitting = new ArrayList<>();
        int used = MIN_BODY_BESIDE_DISCLAIMER;
        for (String disclaimer : policy.requiredDisclaimers()) {
            used += channel.length(disclaimer) + 2;
            if (used > limit) break;
            fitting.add(disclaimer);
        }
        return fitting;
    }

    public static final int MIN_BODY_BESIDE_DISCLAIMER = 40;

    public static int countHashtags(String text) {
        Matcher matcher = HASHTAG.matcher(URL.matcher(text).replaceAll(" "));
        int count = 0;
        while (matcher.find()) count++;
        return count;
    }

    private static String limitWording(Channel channel, int limit, CopyConstraints constraints) {
        if (limit < channel.textLimit()) return "constraints.max_length allows " + limit;
        return channel.displayName() + " allows " + limit;
    }
}
