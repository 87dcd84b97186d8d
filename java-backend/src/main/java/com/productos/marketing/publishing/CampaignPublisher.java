package com.productos.marketing.publishing;

import java.util.Optional;

/**
 * Where campaigns go: the local outbox (embedded) or Missinglettr. {@link PublishService} records the
 * intent before {@link #submit} and the outcome after; {@link #reconcile} finds a campaign an earlier,
 * interrupted attempt may already have created, so a retry never publishes twice.
 */
public interface CampaignPublisher extends AutoCloseable {
    /** "local_outbox" or "missinglettr". */
    String backend();

    ProviderOutcome submit(CampaignRecord campaign) throws ProviderUnavailable;

    /** The provider's view of a campaign an earlier attempt sent, or empty when it never arrived. */
    Optional<ProviderOutcome> reconcile(CampaignRecord campaign) throws ProviderUnavailable;

    /** The provider's current view of a confirmed campaign, for status; empty when the record is the truth. */
    Optional<ProviderOutcome> refresh(CampaignRecord campaign) throws ProviderUnavailable;

    @Override
    default void close() {}
}
