package com.productos.marketing.plans;

import com.productos.json.Json;
import com.productos.marketing.channels.Channel;
import com.productos.marketing.claims.ClaimsPolicy;
import com.productos.marketing.generation.GenerationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a campaign plan: the words from a {@link PlanCopyWriter} (rule-based or a model), everything
 * that must be exact by rule: the goal's numbers, the metric, the UTM tag on every link, the schedule
 * and one brief per channel that marketing.generate_channel_posts takes as it is.
 */
public final class CampaignPlanner {
    private final PlanCopyWriter writer;

    public CampaignPlanner(PlanCopyWriter writer) {
        this.writer = writer;
    }

    public String name() {
        return writer.name();
    }

    public ObjectNode plan(String planId, CampaignPlanRequest request, ClaimsPolicy policy, Instant createdAt)
            throws GenerationFailure {
        PlanCopy copy = writer.write(request, policy);
        List<String> warnings = new ArrayList<>(copy.warnings());
        List<String> messages = copy.keyMessages();
        String audience = policy.brand().primaryAudience().isBlank()
                ? "people who visit " + request.product()
                : policy.brand().primaryAudience();
        String callToAction = copy.callToAction();
        String tag = UtmLink.slug(request.sourceTitle(), 40) + "-" + planId.substring(planId.length() - 6);
        ObjectNode plan = Json.object().put("plan_id", planId);
        if (request.insightId() == null) plan.putNull("insight_id");
        else plan.put("insight_id", request.insightId());
        plan.put("brand_profile_id", request.brandProfileId())
                .put("created_at", createdAt.toString())
                .put("generator", name());
        plan.put("name", copy.name()).put("goal", goal(request, audience));
        plan.put("audience", audience);
        ArrayNode messageArray = plan.putArray("key_messages");
        messages.forEach(messageArray::add);
        ArrayNode tone = plan.putArray("tone");
        policy.brand().tone().forEach(tone::add);
        plan.set("metric", metric(request));
        plan.putObject("utm").put("utm_campaign", tag).put("utm_medium", "social");
        plan.putObject("period")
                .put("start_at", request.startAt().toString())
                .put("end_at", request.startAt().plus(request.length()).toString());
        ArrayNode channels = plan.putArray("channels");
        ArrayNode schedule = plan.putArray("schedule");
        ArrayNode briefs = plan.putArray("briefs");
        for (Channel channel : request.channels()) {
            String link = UtmLink.tagged(request.landingPageUrl(), channel.wireName(), "social", tag);
            List<Instant> slots = PostingSchedule.slots(channel, request.startAt(), request.length());
            channels.addObject()
                    .put("channel", channel.wireName())
                    .put("posts", slots.size())
                    .put("landing_page_url", link);
            for (Instant slot : slots)
                schedule.addObject().put("channel", channel.wireName()).put("at", slot.toString());
            ObjectNode brief = Json.object()
                    .put("goal", plan.path("goal").asString())
                    .put("product", request.product())
                    .put("audience", audience)
                    .put("call_to_action", callToAction)
                    .put("landing_page_url", link);
            ArrayNode points = brief.putArray("key_points");
            messages.forEach(points::add);
            briefs.addObject().put("channel", channel.wireName()).set("brief", brief);
        }
        ArrayNode warningArray = plan.putArray("warnings");
        warnings.forEach(warningArray::add);
        return plan;
    }

    private static String goal(CampaignPlanRequest request, String audience) {
        String metric = request.metricFunnel() != null
                ? "the " + request.metricFunnel() + " funnel's conversion to " + request.metricEvent()
                : "conversion to " + request.metricEvent();
        String points = String.format(Locale.ROOT, "%.1f points", request.targetUpliftPoints());
        if (request.baselineConversion() == null) return "Lift " + metric + " by " + points + " among " + audience;
        double target = Math.min(1.0, request.baselineConversion() + request.targetUpliftPoints() / 100);
        return String.format(
                Locale.ROOT,
                "Lift %s from %.1f%% to %.1f%% (+%s) among %s",
                metric,
                request.baselineConversion() * 100,
                target * 100,
                points,
                audience);
    }

    private static ObjectNode metric(CampaignPlanRequest request) {
        ObjectNode metric = Json.object();
        if (request.metricFunnel() == null) metric.putNull("funnel_name");
        else metric.put("funnel_name", request.metricFunnel());
        metric.put("event_name", request.metricEvent());
        if (request.baselineConversion() == null) {
            metric.putNull("baseline_conversion").putNull("target_conversion");
        } else {
            metric.put("baseline_conversion", request.baselineConversion())
                    .put(
                            "target_conversion",
                            Math.min(1.0, request.baselineConversion() + request.targetUpliftPoints() / 100));
        }
        metric.put("target_uplift_points", request.targetUpliftPoints());
        return metric;
    }
}
