package com.productos.marketing.publishing;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A campaign as recorded. {@code confirmed} is false from the moment the intent is written until the
 * provider's answer is stored: a record left unconfirmed by a crash is reconciled with the provider
 * before anything is sent again. {@code publishRunId} is the run that recorded the intent, so the audit
 * trail can go from the draft to the publish run.
 */
public record CampaignRecord(
        String campaignId,
        String idempotencyKey,
        String requestHash,
        String backend,
        String name,
        PublishMode mode,
        Instant startAt,
        String timezone,
        boolean confirmed,
        String providerCampaignId,
        JsonNode providerResponse,
        String draftId,
        String publishRunId,
        List<StoredPost> posts,
        Instant createdAt) {
    public CampaignRecord {
        posts = List.copyOf(posts);
    }

    public PostStatus status() {
        return PostStatus.ofCampaign(posts.stream().map(StoredPost::status).toList());
    }
}
