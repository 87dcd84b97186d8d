package com.productos.analytics.measure;

import com.productos.analytics.funnel.FunnelStep;
import java.time.Instant;
import java.util.List;

/**
 * What analytics.measure_campaign is asked: the campaign's period and how its visitors are told
 * apart (an event property, {@code utm_campaign} by default, equal to the campaign's tag), the funnel
 * whose end-to-end conversion it should move, and how sure the answer must be.
 *
 * @param insightId the insight the campaign came from, or null
 * @param minUsersPerGroup below this many users entering the funnel in a group, no conclusion is drawn
 */
public record CampaignMeasureQuery(
        String campaignId,
        String attributionProperty,
        String attributionValue,
        String insightId,
        Instant startedAt,
        Instant endedAt,
        String funnelName,
        List<FunnelStep> steps,
        int conversionWindowDays,
        int minUsersPerGroup,
        Confidence confidence) {
    public CampaignMeasureQuery {
        steps = List.copyOf(steps);
    }

    /** The period just before the campaign, as long as the campaign's own. */
    public Instant preStart() {
        return startedAt.minus(java.time.Duration.between(startedAt, endedAt));
    }
}
