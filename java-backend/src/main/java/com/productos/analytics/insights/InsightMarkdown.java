package com.productos.analytics.insights;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The readable Markdown report of an insight, next to its JSON and chart. */
public final class InsightMarkdown {
    private InsightMarkdown() {}

    public static String render(String insightId, JsonNode insight, String createdAt) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(line(insight.path("title").asString())).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "- Insight: `%s` (%s)%n- Severity: **%s**, confidence %.0f%%%n- Window: last %d days%n- Written: %s%n%n",
                insightId,
                insight.path("type").asString(),
                insight.path("severity").asString(),
                insight.path("confidence").asDouble() * 100,
                insight.path("window").path("range_days").asInt(),
                createdAt));
        md.append("## Summary\n\n").append(insight.path("summary").asString()).append("\n\n");
        md.append("![chart](chart.svg)\n\n");
        md.append("## Recommendations\n\n");
        int n = 1;
        for (JsonNode recommendation : insight.path("recommendations")) {
            md.append(n++)
                    .append(". **")
                    .append(line(recommendation.path("action").asString()))
                    .append("**: ")
                    .append(line(recommendation.path("rationale").asString()))
                    .append('\n');
        }
        if (insight.path("links").isArray() && !insight.path("links").isEmpty()) {
            md.append("\n## Links\n\n");
            for (JsonNode link : insight.path("links")) {
                md.append("- [")
                        .append(line(link.path("label").asString()).replace("]", "\\]"))
                        .append("](")
                        .append(link.path("url").asString().replace(")", "%29").replace(" ", "%20"))
                        .append(")\n");
            }
        }
        if (insight.path("context").isObject() && !insight.path("context").isEmpty()) {
            md.append("\n## Context\n\n```json\n")
                    .append(insight.path("context").toPrettyString())
                    .append("\n```\n");
        }
        return md.toString();
    }

    private static String line(String text) {
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
