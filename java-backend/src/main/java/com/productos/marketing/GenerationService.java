package com.productos.marketing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.EmojiLevel;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.PostCheck;
import com.productos.marketing.claims.PostChecker;
import com.productos.marketing.drafts.CampaignDraft;
import com.productos.marketing.drafts.DraftStore;
import com.productos.marketing.drafts.PostReview;
import com.productos.marketing.generation.CampaignBrief;
import com.productos.marketing.generation.ChannelPosts;
import com.productos.marketing.generation.GenerationFailure;
import com.productos.marketing.generation.GenerationRequest;
import com.productos.marketing.generation.GenerationResult;
import com.productos.marketing.generation.PostGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * marketing.generate_channel_posts: checks the input, applies the brand, runs the generator, checks
 * every post again, saves the campaign draft and answers the output schema. Warnings and claim flags
 * cannot go into the fixed output: they go to the run's log lines and to the draft's review.
 */
public final class GenerationService {
    private final BrandLookup brands;
    private final PostGenerator generator;
    private final DraftStore drafts;
    private final Clock clock;
    private final PostChecker checker = new PostChecker();

    public GenerationService(BrandLookup brands, PostGenerator generator, DraftStore drafts, Clock clock) {
        this.brands = brands;
        this.generator = generator;
        this.drafts = drafts;
        this.clock = clock;
    }

    /** The tool output plus the draft it was saved as. */
    public record Generated(ObjectNode output, CampaignDraft draft) {}

    public Generated generate(JsonNode input, String runId, ExecutorLog log) throws ExecutorFailure {
        InputProblems problems = new InputProblems();
        List<Channel> channels = new ArrayList<>();
        JsonNode channelArray = input.path("channels");
        if (!channelArray.isArray() || channelArray.isEmpty()) {
            problems.add("/channels", "list at least one channel: " + String.join(", ", Channel.wireNames()));
        } else {
            for (int i = 0; i < channelArray.size(); i++) {
                String name = channelArray.get(i).asString("");
                Channel channel = Channel.fromWire(name).orElse(null);
                if (channel == null) {
                    problems.add(
                            "/channels/" + i,
                            "unknown channel '" + name + "'; use one of " + String.join(", ", Channel.wireNames()));
                } else if (channels.contains(channel)) {
                    problems.add("/channels/" + i, "channel '" + name + "' is listed twice; list each channel once");
                } else {
                    channels.add(channel);
                }
            }
        }
        int variations = input.path("variations_per_channel").asInt(3);
        if (variations < 1 || variations > 10) problems.add("/variations_per_channel", "must be between 1 and 10");
        CopyConstraints constraints = constraints(input.path("constraints"), problems);
        JsonNode briefNode = input.path("brief");
        CampaignBrief brief = CampaignBrief.fromJson(briefNode);
        if (brief.keyPoints().isEmpty()) problems.add("/brief/key_points", "give at least one non-empty key point");
        if (brief.product() == null) problems.add("/brief/product", "name the product the posts are about");
        String url = brief.landingPageUrl();
        if (url != null && !url.matches("(?i)https?://\\S+")) {
            problems.add(
                    "/brief/landing_page_url",
                    "'" + url + "' is not an http(s) URL; give the full address, e.g. https://example.com/trial");
        }
        problems.throwIfAny();
        String profileId = input.path("brand_profile_id").asString("");
        ClaimsPolicy policy = brands.policyFor(profileId, "/brand_profile_id");

        GenerationResult result;
        try {
            result = generator.generate(new GenerationRequest(brief, channels, variations, constraints, policy));
        } catch (GenerationFailure e) {
            throw ExecutorFailure.unavailable(
                    "post generation with " + generator.name() + " failed: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        ArrayNode outputChannels = Json.array();
        ArrayNode review = Json.array();
        boolean claimHeavy = false;
        for (ChannelPosts channelPosts : result.channels()) {
            Channel channel = channelPosts.channel();
            ObjectNode channelNode = outputChannels.addObject();
            channelNode.put("channel", channel.wireName());
            ArrayNode posts = channelNode.putArray("posts");
            for (SocialPost post : channelPosts.posts()) {
                PostCheck check = checker.check(channel, post, policy, constraints);
                if (check.hasBlocking()) {
                    warnings.add(channel.wireName() + ": a generated post was left out because "
                            + check.violations().get(0).message());
                    continue;
                }
                review.add(PostReview.toJson(channel.wireName(), posts.size(), check));
                claimHeavy |= check.claimHeavy();
                if (check.claimHeavy()) {
                    log.warn("claim-heavy copy in " + channel.wireName() + " post " + (posts.size() + 1) + ": "
                            + check.flags() + "; a person should approve it before it is published");
                }
                posts.add(post.toJson());
            }
        }
        warnings.forEach(log::warn);
        Instant now = clock.instant();
        CampaignDraft draft = new CampaignDraft(
                "draft_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                profileId,
                null,
                briefNode,
                constraintsJson(constraints),
                outputChannels,
                warnings,
                review,
                claimHeavy,
                generator.name(),
                runId,
                "draft",
                null,
                1,
                now,
                now);
        drafts.save(draft);
        log.info("saved campaign draft " + draft.draftId() + " (" + generator.name() + " generator"
                + (claimHeavy ? ", claim-heavy: needs approval before publishing" : "") + ")");
        log.artifact("campaign-draft", "productos://marketing/drafts/" + draft.draftId(), "application/json");
        ObjectNode output = Json.object();
        output.set("channels", outputChannels);
        return new Generated(output, draft);
    }

    static CopyConstraints constraints(JsonNode node, InputProblems problems) {
        Integer maxLength = null;
        if (node.has("max_length")) {
            int value = node.path("max_length").asInt(-1);
            if (value < 50 || value > 4000) problems.add("/constraints/max_length", "must be between 50 and 4000");
            else maxLength = value;
        }
        EmojiLevel level = EmojiLevel.LIGHT;
        if (node.has("emoji_level")) {
            String text = node.path("emoji_level").asString("");
            level = EmojiLevel.fromWire(text).orElse(null);
            if (level == null) {
                problems.add(
                        "/constraints/emoji_level",
                        "unknown emoji level '" + text + "'; use none, light, medium or heavy");
                level = EmojiLevel.LIGHT;
            }
        }
        boolean hashtags =
                !node.has("include_hashtags") || node.path("include_hashtags").asBoolean(true);
        return new CopyConstraints(maxLength, level, hashtags);
    }

    static ObjectNode constraintsJson(CopyConstraints constraints) {
        ObjectNode node = Json.object();
        if (constraints.maxLength() != null) node.put("max_length", constraints.maxLength());
        node.put("emoji_level", constraints.emojiLevel().name().toLowerCase(java.util.Locale.ROOT));
        node.put("include_hashtags", constraints.includeHashtags());
        return node;
    }
}
