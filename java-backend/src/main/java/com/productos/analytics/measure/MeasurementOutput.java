package com.productos.analytics.measure;

import com.productos.json.Json;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The analytics.measure_campaign answer, which is also the stored measurement record. */
public final class MeasurementOutput {
    private MeasurementOutput() {}

    public static ObjectNode of(String measurementId, CampaignMeasurement.Result result, Instant measuredAt) {
        CampaignMeasureQuery query = result.query();
        ObjectNode output = Json.object().put("measurement_id", measurementId).put("campaign_id", query.campaignId());
        if (query.insightId() == null) output.putNull("insight_id");
        else output.put("insight_id", query.insightId());
        output.put("measured_at", measuredAt.toString()).put("funnel_name", query.funnelName());
        output.putObject("attribution")
                .put("property", query.attributionProperty())
                .put("value", query.attributionValue());
        output.putObject("period")
                .put("from", query.startedAt().toString())
                .put("to", query.endedAt().toString());
        output.putObject("pre_period")
                .put("from", query.preStart().toString())
                .put("to", query.startedAt().toString());
        output.put("confidence", query.confidence().level());
        output.set("campaign_group", result.attributed().toJson());
        ArrayNode comparisons = output.putArray("comparisons");
        result.comparisons().forEach(comparison -> comparisons.add(comparison.toJson()));
        Comparison headline = result.headline();
        output.put("conclusion", headline.conclusion().wireName());
        output.put("summary", summary(query, headline));
        return output;
    }

    /** One plain sentence a founder can read: the rates, the difference with its interval, the verdict. */
    static String summary(CampaignMeasureQuery query, Comparison headline) {
        GroupConversion campaign = headline.campaign();
        GroupConversion base = headline.base();
        StringBuilder text = new StringBuilder();
        text.append(percent(campaign.conversion()))
                .append(" of ")
                .append(campaign.entered())
                .append(" campaign-attributed users converted, against ")
                .append(percent(base.conversion()))
                .append(" of ")
                .append(base.entered())
                .append(" unattributed users in the same period");
        if (headline.difference() != null) {
            ProportionDifference d = headline.difference();
            text.append(": ")
                    .append(points(d.difference()))
                    .append(" (")
                    .append(Math.round(query.confidence().level() * 100))
                    .append("% interval ")
                    .append(points(d.lower()))
                    .append(" to ")
                    .append(points(d.upper()))
                    .append(")");
        }
        text.append(". ")
                .append(
                        switch (headline.conclusion()) {
                            case UPLIFT -> "The campaign lifted conversion.";
                            case NEGATIVE -> "Campaign visitors converted worse.";
                            case NO_DETECTABLE_EFFECT -> "No effect can be told apart from chance yet.";
                            case TOO_LITTLE_DATA -> "Too little data to conclude: " + headline.reason() + ".";
                        });
        return text.toString();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f points", difference * 100);
    }
}
