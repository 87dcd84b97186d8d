package com.productos.marketing.publishing;

import com.productos.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded publisher: posts go to the outbox tables of the workspace's SQLite file. "now" publishes
 * at once; "scheduled" posts wait for their start time and {@link OutboxScheduler} moves them to
 * published. The outbox's state is written in the same transaction that confirms the campaign, so
 * there is no window in which it could hold a campaign we have no record of.
 */
public final class LocalOutbox implements CampaignPublisher {
    public static final String BACKEND = "local_outbox";
    private final Clock clock;

    public LocalOutbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String backend() {
        return BACKEND;
    }

    @Override
    public ProviderOutcome submit(CampaignRecord campaign) {
        List<ProviderOutcome.PostUpdate> updates = new ArrayList<>();
        for (StoredPost post : campaign.posts()) {
            updates.add(
                    campaign.mode() == PublishMode.NOW
                            ? new ProviderOutcome.PostUpdate(PostStatus.PUBLISHED, clock.instant(), null, null)
                            : new ProviderOutcome.PostUpdate(PostStatus.SCHEDULED, null, null, null));
        }
        ObjectNode response = Json.object();
        response.put("backend", BACKEND);
        response.put("accepted_posts", campaign.posts().size());
        if (campaign.startAt() != null)
            response.put("start_time", campaign.startAt().toString());
        return new ProviderOutcome(campaign.campaignId(), updates, response);
    }

    /** Nothing reaches the outbox before its confirming transaction, so an unconfirmed campaign was never sent. */
    @Override
    public Optional<ProviderOutcome> reconcile(CampaignRecord campaign) {
        return Optional.empty();
    }

    /** The record is the outbox: nothing to fetch. */
    @Override
    public Optional<ProviderOutcome> refresh(CampaignRecord campaign) {
        return Optional.empty();
    }
}
