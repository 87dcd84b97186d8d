package com.productos.analytics.measure;

import com.productos.analytics.funnel.FunnelInput;
import com.productos.analytics.funnel.FunnelStep;
import com.productos.analytics.sql.PropertyKeys;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads and checks an analytics.measure_campaign input, including what its schema cannot express. */
public final class CampaignMeasureInput {
    static final String TOOL = "analytics.measure_campaign";
    static final int DEFAULT_MIN_USERS_PER_GROUP = 30;

    private CampaignMeasureInput() {}

    public static CampaignMeasureQuery parse(JsonNode input, Clock clock) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        JsonNode campaign = input.path("campaign");
        String campaignId = text(campaign, "campaign_id", "/campaign/campaign_id", errors);
        String tag = text(campaign, "utm_campaign", "/campaign/utm_campaign", errors);
        Instant started = instant(campaign.path("started_at"), "/campaign/started_at", null, errors);
        Instant ended = instant(campaign.path("ended_at"), "/campaign/ended_at", clock.instant(), errors);
        if (started != null && ended != null && !ended.isAfter(started)) {
            errors.add(new FieldError("/campaign/ended_at", "must be after started_at (" + started + ")"));
        }
        String property = input.path("attribution_property").isString()
                ? input.path("attribution_property").asString()
                : "utm_campaign";
        if (!PropertyKeys.isValid(property)) {
            errors.add(new FieldError(
                    "/attribution_property",
                    "must be letters, digits and _ (at most 64), starting with a letter or _"));
        }
        String insightId =
                input.path("insight_id").isString() ? input.path("insight_id").asString() : null;
        JsonNode funnel = input.path("funnel");
        String funnelName = FunnelInput.name(funnel, errors);
        List<FunnelStep> steps = FunnelInput.steps(funnel, errors);
        int window = FunnelInput.conversionWindowDays(input, errors);
        int minUsers = DEFAULT_MIN_USERS_PER_GROUP;
        JsonNode minNode = input.path("min_users_per_group");
        if (!minNode.isMissingNode() && !minNode.isNull()) {
            if (!minNode.isIntegralNumber() || minNode.asLong() < 1 || minNode.asLong() > 1_000_000) {
                errors.add(new FieldError("/min_users_per_group", "must be a whole number from 1 to 1000000"));
            } else {
                minUsers = minNode.asInt();
            }
        }
        Confidence confidence = Confidence.C95;
        JsonNode confidenceNode = input.path("confidence");
        if (!confidenceNode.isMissingNode() && !confidenceNode.isNull()) {
            confidence = confidenceNode.isNumber() ? Confidence.of(confidenceNode.asDouble()) : null;
            if (confidence == null) errors.add(new FieldError("/confidence", "must be one of 0.8, 0.9, 0.95 or 0.99"));
        }
        new InputProblems().addAll(errors).throwIfAny(TOOL);
        return new CampaignMeasureQuery(
                campaignId, property, tag, insightId, started, ended, funnelName, steps, window, minUsers, confidence);
    }

    private static String text(JsonNode parent, String field, String pointer, List<FieldError> errors) {
        JsonNode node = parent.path(field);
        if (!node.isString() || node.asString().isBlank()) {
            errors.add(new FieldError(pointer, "must be a non-empty string"));
            return "";
        }
        return node.asString();
    }

    private static Instant instant(JsonNode node, String pointer, Instant fallback, List<FieldError> errors) {
        if (node.isMissingNode() || node.isNull()) {
            if (fallback == null) errors.add(new FieldError(pointer, "is required: an ISO-8601 date-time with offset"));
            return fallback;
        }
        try {
            return OffsetDateTime.parse(node.asString()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer, "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T00:00:00Z"));
            return null;
        }
    }
}
