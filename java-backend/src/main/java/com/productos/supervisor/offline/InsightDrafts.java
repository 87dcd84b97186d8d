package com.productos.supervisor.offline;

import com.productos.json.Json;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Insights written from an analysis the conversation already ran, in the shape analytics.write_insight takes. */
final class InsightDrafts {
    private InsightDrafts() {}

    static ObjectNode fromFunnel(PlannerMemory.Outcome funnel) {
        JsonNode steps = funnel.output().path("steps");
        int worst = -1;
        double worstRate = 2;
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (i > 0) summary.append(" > ");
            summary.append(step.path("event_name").asString())
                    .append(' ')
                    .append(step.path("users").asLong());
            if (i > 0) {
                double rate = step.path("conversion_from_prev").asDouble();
                summary.append(String.format(Locale.ROOT, " (%.0f%%)", rate * 100));
                if (rate < worstRate) {
                    worstRate = rate;
                    worst = i;
                }
            }
        }
        String from = worst > 0 ? steps.get(worst - 1).path("event_name").asString() : "?";
        String to = worst > 0 ? steps.get(worst).path("event_name").asString() : "?";
        int range = funnel.output()
                .path("range_days")
                .asInt(funnel.input().path("range_days").asInt(30));
        ObjectNode insight = Json.object()
                .put("type", "funnel_drop")
                .put("title", "Biggest funnel drop: " + from + " to " + to)
                .put(
                        "summary",
                        "Funnel " + funnel.output().path("funnel_name").asString() + " over " + range + " days: "
                                + summary)
                .put("severity", worstRate < 0.2 ? "high" : worstRate < 0.5 ? "medium" : "low")
                .put("confidence", 0.7);
        insight.putObject("window").put("range_days", range);
        insight.putObject("context").put("source", "analytics.funnel_summary").set("steps", steps);
        ArrayNode recommendations = insight.putArray("recommendations");
        recommendations
                .addObject()
                .put("action", "Make the step from " + from + " to " + to + " easier")
                .put(
                        "rationale",
                        String.format(
                                Locale.ROOT,
                                "only %.0f%% of users get from %s to %s",
                                Math.max(0, worstRate) * 100,
                                from,
                                to));
        return insight;
    }

    static ObjectNode fromDrivers(PlannerMemory.Outcome drivers) {
        JsonNode list = drivers.output().path("drivers");
        String metric = drivers.output()
                .path("target")
                .path("metric")
                .asString(drivers.input().path("target").path("metric").asString("the metric"));
        int range = drivers.output()
                .path("range_days")
                .asInt(drivers.input().path("range_days").asInt(30));
        StringBuilder summary = new StringBuilder("What goes with " + metric + " over " + range + " days: ");
        ArrayNode recommendations = Json.array();
        double confidence = 0.5;
        for (int i = 0; i < Math.min(3, list.size()); i++) {
            JsonNode driver = list.get(i);
            if (i > 0) summary.append("; ");
            summary.append(driver.path("name").asString())
                    .append(" (")
                    .append(driver.path("direction").asString())
                    .append(")");
            recommendations
                    .addObject()
                    .put("action", "Lean on " + driver.path("name").asString())
                    .put("rationale", driver.path("evidence").asString("it goes with " + metric));
            if (i == 0) confidence = driver.path("confidence").asDouble(0.5);
        }
        if (list.isEmpty()) {
            summary.append("no driver stood out");
            recommendations
                    .addObject()
                    .put("action", "Collect more events before deciding")
                    .put("rationale", "no property separated users who reached " + metric + " from those who did not");
        }
        ObjectNode insight = Json.object()
                .put("type", "driver")
                .put("title", "What drives " + metric)
                .put("summary", summary.toString())
                .put("severity", "info")
                .put("confidence", Math.max(0, Math.min(1, confidence)));
        insight.putObject("window").put("range_days", range);
        insight.putObject("context").put("source", "analytics.top_drivers").put("metric", metric);
        insight.set("recommendations", recommendations);
        return insight;
    }
}
