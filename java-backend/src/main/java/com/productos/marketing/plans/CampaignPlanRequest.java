package com.productos.marketing.plans;

import com.productos.marketing.channels.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a campaign plan is made from: an insight (its id, title, summary and recommended actions) or
 * a product update (title, summary, key points), the product and its landing page, the channels, the
 * period, and the funnel metric the campaign should move and by how many points.
 *
 * @param insightId the insight the plan answers, or null for a product update
 * @param baselineConversion the metric's conversion now (0..1), or null when unknown
 */
public record CampaignPlanRequest(
        String brandProfileId,
        String insightId,
        String sourceTitle,
        String sourceSummary,
        List<String> sourcePoints,
        String product,
        String landingPageUrl,
        String callToAction,
        List<Channel> channels,
        Instant startAt,
        Duration length,
        String metricFunnel,
        String metricEvent,
        Double baselineConversion,
        double targetUpliftPoints) {
    public CampaignPlanRequest {
        sourcePoints = List.copyOf(sourcePoints);
        channels = List.copyOf(channels);
    }
}
