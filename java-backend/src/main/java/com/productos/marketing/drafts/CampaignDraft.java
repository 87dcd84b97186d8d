package com.productos.marketing.drafts;

import com.productos.json.Json;
import com.productos.marketing.channels.Channel;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A saved campaign draft: the generated posts (the generation output's {@code channels} array), the
 * brief and brand they came from, the insight they answer (when linked), the warnings of generation,
 * and a review per post (claim flags and rule violations) so a person and the approval step can see
 * what is risky. {@code status} is "draft" until a publish of exactly these posts, then "published".
 */
public record CampaignDraft(
        String draftId,
        String brandProfileId,
        String insightId,
        JsonNode brief,
        JsonNode constraints,
        ArrayNode channels,
        List<String> warnings,
        ArrayNode review,
        boolean claimHeavy,
        String generator,
        String runId,
        String status,
        String campaignId,
        int revision,
        Instant createdAt,
        Instant updatedAt) {

    public CampaignDraft {
        warnings = List.copyOf(warnings);
    }

    /**
     * Per channel of the draft, what an editor needs to count as the network does: the body limit
     * (after constraints.max_length), the title limit (0: no title) and how characters are counted.
     */
    public ObjectNode limits() {
        ObjectNode limits = Json.object();
        Integer maxLength = constraints.path("max_length").canConvertToInt()
                ? constraints.path("max_length").asInt()
                : null;
        for (JsonNode channelNode : channels) {
            Channel.fromWire(channelNode.path("channel").asString("")).ifPresent(channel -> {
                ObjectNode limit = limits.putObject(channel.wireName());
                limit.put("text_limit", channel.effectiveTextLimit(maxLength));
                limit.put("title_limit", channel.titleLimit());
                limit.put("counting", channel.counting().name().toLowerCase(java.util.Locale.ROOT));
                limit.put("counting_description", channel.counting().describe());
            });
        }
        return limits;
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("draft_id", draftId);
        node.put("brand_profile_id", brandProfileId);
        if (insightId != null) node.put("insight_id", insightId);
        node.set("brief", brief);
        node.set("constraints", constraints);
        node.set("channels", channels);
        ArrayNode warningArray = node.putArray("warnings");
        warnings.forEach(warningArray::add);
        node.set("review", review);
        node.set("limits", limits());
        node.put("claim_heavy", claimHeavy);
        node.put("generator", generator);
        if (runId != null) node.put("run_id", runId);
        node.put("status", status);
        if (campaignId != null) node.put("campaign_id", campaignId);
        node.put("revision", revision);
        node.put("created_at", createdAt.toString());
        node.put("updated_at", updatedAt.toString());
        return node;
    }
}
