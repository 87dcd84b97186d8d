package com.productos.marketing.publishing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A checked publish request. {@code startAt} is null for mode now. {@code requestHash} is the
 * canonical hash of the input without its idempotency key, so a repeated key can be told apart from a
 * reused one.
 */
public record PublishRequest(
        String campaignName,
        List<CampaignPost> posts,
        PublishMode mode,
        Instant startAt,
        ZoneId timezone,
        String idempotencyKey,
        String requestHash) {
    public PublishRequest {
        posts = List.copyOf(posts);
    }
}
