package com.productos.marketing;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.channels.CopyConstraints;
import com.productos.marketing.channels.SocialPost;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.claims.PostCheck;
import com.productos.marketing.claims.PostChecker;
import com.productos.marketing.claims.PostViolation;
import com.productos.marketing.drafts.CampaignDraft;
import com.productos.marketing.drafts.DraftStore;
import com.productos.marketing.drafts.PostReview;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading and editing campaign drafts. An edit is checked again, against the channel's limit as the
 * network counts it, the brand's claims policy (as the profile says now) and the draft's constraints;
 * an edit that breaks a blocking rule is refused with every problem listed, and the draft is unchanged.
 */
public final class DraftService {
    private static final Pattern HASHTAG = Pattern.compile("(?<![\\w&])#[\\p{L}\\p{N}_]+");
    private final DraftStore drafts;
    private final BrandLookup brands;
    private final Clock clock;
    private final PostChecker checker = new PostChecker();

    public DraftService(DraftStore drafts, BrandLookup brands, Clock clock) {
        this.drafts = drafts;
        this.brands = brands;
        this.clock = clock;
    }

    public CampaignDraft get(String draftId) throws ExecutorFailure {
        return drafts.find(draftId)
                .orElseThrow(() -> ExecutorFailure.notFound(
                        "campaign draft '" + draftId + "' does not exist; list drafts to find its id"));
    }

    public List<CampaignDraft> list(String insightId, int limit) {
        return drafts.list(insightId, Math.max(1, Math.min(limit, 500)));
    }

    /** Links a draft to the insight it answers (insight -> campaign in the loop's audit trail). */
    public CampaignDraft linkInsight(String draftId, String insightId) throws ExecutorFailure {
        if (insightId == null || insightId.isBlank())
            throw InputProblems.single("/insight_id", "give the insight id to link");
        CampaignDraft draft = get(draftId);
        CampaignDraft linked = new CampaignDraft(
                draft.draftId(),
                draft.brandProfileId(),
                insightId,
                draft.brief(),
                draft.constraints(),
                draft.channels(),
                draft.warnings(),
                draft.review(),
                draft.claimHeavy(),
                draft.generator(),
                draft.runId(),
                draft.status(),
                draft.campaignId(),
                draft.revision() + 1,
                draft.createdAt(),
                clock.instant());
        drafts.save(linked);
        return linked;
    }

    /**
     * Replaces the text (and the title, when given) of post {@code index} of {@code channel}. When
     * {@code expectedRevision} is given and the draft moved on since, the edit is refused (409).
     */
    public CampaignDraft editPost(
            String draftId, String channelName, int index, String text, String title, Integer expectedRevision)
            throws ExecutorFailure {
        CampaignDraft draft = get(draftId);
        if ("published".equals(draft.status())) {
            throw ExecutorFailure.conflict("campaign draft '" + draftId + "' was published as campaign "
                    + draft.campaignId() + "; generate a new draft to change the copy");
        }
        if (expectedRevision != null && expectedRevision != draft.revision()) {
            throw ExecutorFailure.conflict("campaign draft '" + draftId + "' is at revision " + draft.revision()
                    + ", not " + expectedRevision + "; reload it and edit again");
        }
        Channel channel = Channel.fromWire(channelName)
                .orElseThrow(() -> InputProblems.single(
                        "/channel",
                        "unknown channel '" + channelName + "'; use one of " + String.join(", ", Channel.wireNames())));
        ArrayNode channels = (ArrayNode) draft.channels().deepCopy();
        ObjectNode channelNode = null;
        for (JsonNode node : channels) {
            if (channel.wireName().equals(node.path("channel").asString())) channelNode = (ObjectNode) node;
        }
        if (channelNode == null)
            throw InputProblems.single("/channel", "the draft has no " + channel.wireName() + " posts");
        ArrayNode posts = (ArrayNode) channelNode.path("posts");
        if (index < 0 || index >= posts.size()) {
            throw InputProblems.single(
                    "/index",
                    "the draft has " + posts.size() + " " + channel.wireName() + " posts; index must be 0 to "
                            + (posts.size() - 1));
        }
        if (text == null) throw InputProblems.single("/text", "give the new text of the post");
        SocialPost before = SocialPost.fromJson(posts.get(index));
        SocialPost edited = new SocialPost(
                text,
                title == null ? before.title() : title,
                before.altText(),
                hashtagsIn(text),
                before.mediaSuggestions());
        ClaimsPolicy policy = brands.policyFor(draft.brandProfileId(), "/draft_id");
        CopyConstraints constraints = GenerationService.constraints(draft.constraints(), new InputProblems());
        PostCheck check = checker.check(channel, edited, policy, constraints);
        if (check.hasBlocking()) {
            InputProblems problems = new InputProblems();
            for (PostViolation violation : check.violations()) {
                if (violation.blocking()) problems.add("/" + violation.field(), violation.message());
            }
            throw problems.failure();
        }
        posts.set(index, edited.toJson());
        ArrayNode review = Json.array();
        boolean claimHeavy = false;
        for (JsonNode entry : draft.review()) {
            boolean same = channel.wireName().equals(entry.path("channel").asString())
                    && entry.path("index").asInt() == index;
            JsonNode kept = same ? PostReview.toJson(channel.wireName(), index, check) : entry;
            claimHeavy |= kept.path("claim_heavy").asBoolean(false);
            review.add(kept);
        }
        CampaignDraft updated = new CampaignDraft(
                draft.draftId(),
                draft.brandProfileId(),
                draft.insightId(),
                draft.brief(),
                draft.constraints(),
                channels,
                draft.warnings(),
                review,
                claimHeavy,
                draft.generator(),
                draft.runId(),
                draft.status(),
                draft.campaignId(),
                draft.revision() + 1,
                draft.createdAt(),
                clock.instant());
        if (!drafts.saveIfRevision(updated, draft.revision())) {
            throw ExecutorFailure.conflict(
                    "campaign draft '" + draftId + "' changed while this edit was checked; reload it and edit again");
        }
        return updated;
    }

    /** Marks the newest draft that holds exactly these posts as published by {@code campaignId}; returns its id. */
    public String markPublished(List<String[]> channelAndText, String campaignId) {
        return drafts.findContaining(channelAndText)
                .filter(draft -> "draft".equals(draft.status()))
                .map(draft -> {
                    drafts.save(new CampaignDraft(
                            draft.draftId(),
                            draft.brandProfileId(),
                            draft.insightId(),
                            draft.brief(),
                            draft.constraints(),
                            draft.channels(),
                            draft.warnings(),
                            draft.review(),
                            draft.claimHeavy(),
                            draft.generator(),
                            draft.runId(),
                            "published",
                            campaignId,
                            draft.revision() + 1,
                            draft.createdAt(),
                            clock.instant()));
                    return draft.draftId();
                })
                .orElse(null);
    }

    private static List<String> hashtagsIn(String text) {
        Matcher matcher = HASHTAG.matcher(text);
        List<String> tags = new java.util.ArrayList<>();
        while (matcher.find()) tags.add(matcher.group());
        return tags;
    }
}
