package com.productos.marketing.generation;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The generation input's {@code brief}; optional fields are null when absent or blank. */
public record CampaignBrief(
        String goal,
        String product,
        String audience,
        List<String> keyPoints,
        String offer,
        String callToAction,
        String landingPageUrl) {

    public CampaignBrief {
        keyPoints = List.copyOf(keyPoints);
    }

    public static CampaignBrief fromJson(JsonNode brief) {
        List<String> points = new ArrayList<>();
        brief.path("key_points").forEach(point -> {
            if (point.isString() && !point.asString().isBlank())
                points.add(point.asString().trim());
        });
        return new CampaignBrief(
                text(brief, "goal"),
                text(brief, "product"),
                text(brief, "audience"),
                points,
                text(brief, "offer"),
                text(brief, "call_to_action"),
                text(brief, "landing_page_url"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank()
                ? value.asString().trim()
                : null;
    }
}
