package com.productos.analytics.insights;

import com.productos.analytics.measure.MeasurementStore;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read side of the insight chain: analytics.list_insights, analytics.get_insight (the insight's
 * pointer with the measurements of the campaigns made from it) and analytics.list_measurements.
 */
public final class InsightLinksHandlers {
    private final InsightPointers pointers;
    private final MeasurementStore measurements;

    public InsightLinksHandlers(InsightPointers pointers, MeasurementStore measurements) {
        this.pointers = pointers;
        this.measurements = measurements;
    }

    public ExecutorHandler listInsights() {
        return request -> {
            int limit = Math.max(1, Math.min(200, request.input().path("limit").asInt(50)));
            ObjectNode output = Json.object();
            ArrayNode items = output.putArray("insights");
            pointers.list(limit).forEach(items::add);
            return output;
        };
    }

    public ExecutorHandler getInsight() {
        return request -> {
            String insightId = required(request.input(), "insight_id");
            ObjectNode pointer = pointers.find(insightId)
                    .orElseThrow(() -> ExecutorFailure.notFound(
                            "no insight '" + insightId + "'; list insights with analytics.list_insights"));
            ObjectNode output = Json.object();
            output.set("insight", pointer);
            ArrayNode items = output.putArray("measurements");
            measurements.forInsight(insightId).forEach(items::add);
            return output;
        };
    }

    public ExecutorHandler listMeasurements() {
        return request -> {
            String campaignId = required(request.input(), "campaign_id");
            ObjectNode output = Json.object();
            ArrayNode items = output.putArray("measurements");
            measurements.forCampaign(campaignId).forEach(items::add);
            return output;
        };
    }

    private static String required(JsonNode input, String field) throws ExecutorFailure {
        JsonNode value = input.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            new InputProblems().add("/" + field, "give the " + field).throwIfAny("this tool's");
        }
        return value.asString();
    }
}
