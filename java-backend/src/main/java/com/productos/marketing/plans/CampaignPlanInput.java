package com.productos.marketing.plans;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.marketing.channels.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads and checks a marketing.generate_campaign_plan input, including what its schema cannot express. */
public final class CampaignPlanInput {
    static final List<String> DEFAULT_CHANNELS = List.of("x", "linkedin");

    private CampaignPlanInput() {}

    public static CampaignPlanRequest parse(JsonNode input, Clock clock) throws ExecutorFailure {
        InputProblems problems = new InputProblems();
        JsonNode insight = input.path("insight");
        JsonNode update = input.path("product_update");
        boolean fromInsight = insight.isObject();
        if (fromInsight == update.isObject()) {
            problems.add(
                    "/insight",
                    "give either insight (the insight the campaign answers) or product_update, not "
                            + (fromInsight ? "both" : "neither"));
        }
        JsonNode source = fromInsight ? insight : update;
        String insightId = fromInsight ? text(insight, "insight_id") : null;
        if (fromInsight && insightId == null)
            problems.add("/insight/insight_id", "give the id analytics.write_insight returned");
        String prefix = fromInsight ? "/insight" : "/product_update";
        String title = text(source, "title");
        if (title == null) problems.add(prefix + "/title", "give a title");
        String summary = text(source, "summary");
        List<String> points = new ArrayList<>();
        if (fromInsight) {
            source.path("recommendations").forEach(r -> addIfText(points, r.path("action")));
        } else {
            source.path("key_points").forEach(point -> addIfText(points, point));
        }
        if (points.isEmpty()) {
            problems.add(
                    fromInsight ? "/insight/recommendations" : "/product_update/key_points",
                    "give at least one " + (fromInsight ? "recommended action" : "key point")
                            + " for the campaign to carry");
        }
        String product = text(input, "product");
        if (product == null) problems.add("/product", "name the product the campaign is about");
        String url = text(input, "landing_page_url");
        if (url == null || !url.matches("(?i)https?://[^\\s#]+")) {
            problems.add(
                    "/landing_page_url",
                    "give the full http(s) address of the landing page, e.g. https://example.com/teams");
        }
        List<Channel> channels = channels(input.path("channels"), problems);
        Instant start = clock.instant();
        JsonNode startNode = input.path("start_at");
        if (startNode.isString()) {
            try {
                start = OffsetDateTime.parse(startNode.asString()).toInstant();
            } catch (DateTimeParseException e) {
                problems.add("/start_at", "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T09:00:00Z");
            }
        }
        int days = input.path("duration_days").asInt(14);
        if (days < 1 || days > 90) problems.add("/duration_days", "must be between 1 and 90 days");
        JsonNode metric = input.path("metric");
        String event = text(metric, "event_name");
        if (event == null)
            problems.add("/metric/event_name", "name the event whose conversion the campaign should move");
        Double baseline = null;
        if (metric.path("baseline_conversion").isNumber()) {
            baseline = metric.path("baseline_conversion").asDouble();
            if (baseline < 0 || baseline > 1) problems.add("/metric/baseline_conversion", "must be a rate from 0 to 1");
        }
        double uplift = metric.path("target_uplift_points").asDouble(2.0);
        if (uplift <= 0 || uplift > 100)
            problems.add("/metric/target_uplift_points", "must be more than 0 and at most 100 points");
        problems.throwIfAny();
        return new CampaignPlanRequest(
                text(input, "brand_profile_id"),
                insightId,
                title,
                summary,
                points,
                product,
                url,
                text(input, "call_to_action"),
                channels,
                start,
                Duration.ofDays(days),
                text(metric, "funnel_name"),
                event,
                baseline,
                uplift);
    }

    private static List<Channel> channels(JsonNode node, InputProblems problems) {
        List<Channel> channels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (node.isArray()) node.forEach(item -> names.add(item.asString("")));
        else names.addAll(DEFAULT_CHANNELS);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Channel channel = Channel.fromWire(name).orElse(null);
            if (channel == null) {
                problems.add(
                        "/channels/" + i,
                        "unknown channel '" + name + "'; use one of " + String.join(", ", Channel.wireNames()));
            } else if (channels.contains(channel)) {
                problems.add("/channels/" + i, "channel '" + name + "' is listed twice; list each channel once");
            } else {
                channels.add(channel);
            }
        }
        if (names.isEmpty())
            problems.add("/channels", "list at least one channel: " + String.join(", ", Channel.wireNames()));
        return channels;
    }

    private static void addIfText(List<String> points, JsonNode node) {
        if (node.isString() && !node.asString().isBlank())
            points.add(node.asString().trim());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank()
                ? value.asString().trim()
                : null;
    }
}
