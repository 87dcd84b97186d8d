package com.productos.marketing.generation;

import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.PostChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded generator: composes each post from the screened brief (key points, offer, call to
 * action, landing page) in the brand's voice, choosing parts by priority until the channel's limit is
 * reached. No randomness: variation {@code i} rotates the opening and the order of key points, so the
 * same input always gives the same output.
 */
public final class DeterministicPostGenerator implements PostGenerator {
    private final PostEnforcer enforcer = new PostEnforcer();

    @Override
    public String name() {
        return "local";
    }

    @Override
    public GenerationResult generate(GenerationRequest request) {
        List<String> warnings = new ArrayList<>();
        ClaimsPolicy policy = request.policy();
        ScreenedBrief brief = ScreenedBrief.screen(request.brief(), policy, warnings);
        VoiceStyle voice = VoiceStyle.of(policy);
        List<String> hashtags = Hashtags.derive(brief, policy);
        List<ChannelPosts> channels = new ArrayList<>();
        for (Channel channel : request.channels()) {
            CopyConstraints constraints = request.constraints();
            int limit = constraints.textLimit(channel);
            List<String> disclaimers = PostChecker.disclaimersThatFit(policy, channel, limit);
            if (disclaimers.size() < policy.requiredDisclaimers().size()) {
                warnings.add(channel.wireName() + ": the required disclaimer \""
                        + policy.requiredDisclaimers().get(disclaimers.size()) + "\" does not fit in " + limit + " "
                        + channel.counting().describe()
                        + "; raise constraints.max_length or add it where the post is shown");
            }
            List<SocialPost> posts = new ArrayList<>();
            for (int variation = 0; variation < request.variationsPerChannel(); variation++) {
                SocialPost composed =
                        compose(channel, variation, brief, voice, hashtags, disclaimers, constraints, policy);
                posts.add(enforcer.enforce(channel, composed, policy, constraints, warnings));
            }
            channels.add(new ChannelPosts(channel, posts));
        }
        return new GenerationResult(channels, warnings);
    }

    private SocialPost compose(
            Channel channel,
            int variation,
            ScreenedBrief brief,
            VoiceStyle voice,
            List<String> hashtagPool,
            List<String> disclaimers,
            CopyConstraints constraints,
            ClaimsPolicy policy) {
        int limit = constraints.textLimit(channel);
        String paragraphBreak = limit >= 500 ? "\n\n" : "\n";
        List<String> points = rotated(brief.keyPoints(), variation);
        List<Consumer<PostDraft>> additions = new ArrayList<>();
        if (points.isEmpty()) additions.add(draft -> draft.hook = fill(voice.hook(variation), brief));
        if (!points.isEmpty()) additions.add(draft -> draft.points.add(points.get(0)));
        boolean linkInBio =
                brief.landingPageUrl() != null && (channel == Channel.INSTAGRAM || channel == Channel.TIKTOK);
        if (brief.landingPageUrl() != null && !linkInBio) additions.add(draft -> draft.link = brief.landingPageUrl());
        if (brief.callToAction() != null) additions.add(draft -> draft.callToAction = brief.callToAction());
        if (linkInBio) additions.add(draft -> draft.linkInBio = true);
        if (brief.offer() != null) additions.add(draft -> draft.offer = brief.offer());
        for (int i = 1; i < Math.min(points.size(), voice.maxKeyPoints()); i++) {
            String point = points.get(i);
            additions.add(draft -> draft.points.add(point));
        }
        if (!points.isEmpty()) additions.add(draft -> draft.hook = fill(voice.hook(variation), brief));
        int hashtagBudget = policy.dontRules().noHashtags() ? 0 : constraints.hashtagsAllowed(channel);
        List<String> tags = rotatedAfterFirst(hashtagPool, variation);
        for (int i = 0; i < Math.min(hashtagBudget, tags.size()); i++) {
            String tag = tags.get(i);
            additions.add(draft -> draft.hashtags.add(tag));
        }
        int emojiBudget = policy.dontRules().noEmoji()
                ? 0
                : voice.emojiBudget(constraints.emojiLevel().allowedOn(channel));
        List<String> palette = voice.emojiPalette(variation);
        for (int i = 0; i < Math.min(emojiBudget, palette.size()); i++) {
            String emoji = palette.get(i);
            additions.add(draft -> draft.emoji.add(emoji));
        }

        PostDraft current = new PostDraft();
        current.disclaimers.addAll(disclaimers);
        for (Consumer<PostDraft> addition : additions) {
            PostDraft candidate = current.copy();
            addition.accept(candidate);
            if (channel.fits(candidate.render(paragraphBreak), limit)) current = candidate;
        }
        if (current.points.isEmpty() && !points.isEmpty()) {
            PostDraft base = current;
            String cut = PostEnforcer.truncateToFit(channel, limit, points.get(0), sentence -> {
                PostDraft trial = base.copy();
                trial.points.add(sentence);
                return trial.render(paragraphBreak);
            });
            current.points.add(cut);
        }
        String text = current.render(paragraphBreak);
        return new SocialPost(
                text,
                title(channel, brief, points),
                altText(channel, brief, points),
                List.copyOf(current.hashtags),
                mediaSuggestions(channel, brief, points));
    }

    private static String title(Channel channel, ScreenedBrief brief, List<String> points) {
        if (!channel.hasTitle()) return null;
        String subject = points.isEmpty() ? brief.goal() : points.get(0).replaceAll("[.!?…]+$", "");
        String title = subject == null ? brief.product() : brief.product() + ": " + subject;
        return PostEnforcer.truncateToFit(channel, title.replaceAll("[<>]", ""), channel.titleLimit());
    }

    private static String altText(Channel channel, ScreenedBrief brief, List<String> points) {
        if (channel == Channel.REDDIT || channel == Channel.YOUTUBE || channel == Channel.TIKTOK) return null;
        String subject = points.isEmpty() ? "" : ": " + points.get(0).replaceAll("[.!?…]+$", "");
        String alt = "Image of " + brief.product() + subject;
        return alt.length() <= 250 ? alt : alt.substring(0, 249) + "…";
    }

    private static List<String> mediaSuggestions(Channel channel, ScreenedBrief brief, List<String> points) {
        String subject = points.isEmpty() ? brief.product() : points.get(0).replaceAll("[.!?…]+$", "");
        return switch (channel) {
            case INSTAGRAM ->
                List.of("4:5 image of " + brief.product() + " in use", "Carousel with one slide per key point");
            case TIKTOK -> List.of("Vertical 9:16 video, 15-30 s, showing: " + subject);
            case YOUTUBE -> List.of("16:9 walkthrough video of " + brief.product(), "Thumbnail with the product name");
            case PINTEREST -> List.of("Vertical 2:3 pin image of " + brief.product());
            case GOOGLE_BUSINESS -> List.of("4:3 photo of " + brief.product() + " or the team");
            case REDDIT -> List.of();
            default -> List.of("Screenshot of " + brief.product() + " showing: " + subject);
        };
    }

    private static String fill(String template, ScreenedBrief brief) {
        String audience = brief.audience() == null ? "teams like yours" : brief.audience();
        return template.replace("{product}", brief.product()).replace("{audience}", audience);
    }

    private static List<String> rotated(List<String> items, int by) {
        if (items.isEmpty()) return items;
        List<String> result = new ArrayList<>();
        int shift = Math.floorMod(by, items.size());
        for (int i = 0; i < items.size(); i++) result.add(items.get((i + shift) % items.size()));
        return result;
    }

    /** The product tag stays first; the rest rotate so variations carry different topic tags. */
    private static List<String> rotatedAfterFirst(List<String> tags, int by) {
        if (tags.size() <= 2) return tags;
        List<String> result = new ArrayList<>();
        result.add(tags.get(0));
        result.addAll(rotated(tags.subList(1, tags.size()), by));
        return result;
    }
}
