package com.productos.marketing.publishing;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a provider answered for a campaign: its id there, each post's status (in request order) and the
 * raw answer with secrets removed. A provider that refused the campaign gives every post FAILED with
 * the provider's own message in {@code error}.
 */
public record ProviderOutcome(String providerCampaignId, List<PostUpdate> posts, JsonNode providerResponse) {
    public ProviderOutcome {
        posts = List.copyOf(posts);
    }

    /** One post's new state; {@code publishedAt} null unless published. */
    public record PostUpdate(PostStatus status, java.time.Instant publishedAt, String providerPostId, String error) {}
}
