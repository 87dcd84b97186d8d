package com.productos.supervisor.offline;

import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.supervisor.model.ToolResult;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The offline planner's words for a tool's result: the figures that matter, or what went wrong. */
final class ResultSummary {
    private ResultSummary() {}

    static String describe(String tool, ToolResult result) {
        if (result.isError()) {
            if (result.content().startsWith("This call was denied"))
                return "That was not done: the call was denied. "
                        + result.content()
                                .replaceFirst("^This call was denied and did not run: ", "")
                                .replaceFirst("\\. Accept the decision.*$", ".");
            return "That did not work: " + firstLine(result.content());
        }
        JsonNode output;
        try {
            output = Json.parse(result.content());
        } catch (JsonParseFailure truncated) {
            return "Done (" + tool + "); the output was long and only part of it is shown.";
        }
        return switch (tool == null ? "" : tool) {
            case "cloudrun.deploy_service" ->
                "Deployed: " + output.path("service_url").asString() + " (revision "
                        + output.path("revision").asString() + ").";
            case "cloudrun.rollback_service" ->
                "Rolled back to revision " + output.path("revision").asString() + ".";
            case "cloudrun.get_service_status" ->
                output.path("service_name").asString() + " is "
                        + output.path("status").asString() + " at "
                        + output.path("service_url").asString() + " (revision "
                        + output.path("latest_ready_revision").asString() + ").";
            case "logs.tail" -> logs(output);
            case "analytics.funnel_summary" -> funnel(output);
            case "analytics.top_drivers" -> drivers(output);
            case "analytics.write_insight" ->
                "Saved the insight as " + output.path("insight_id").asString() + ".";
            case "marketing.generate_channel_posts" -> posts(output);
            case "marketing.publish_missinglettr" ->
                "Campaign " + output.path("campaign_id").asString() + " is "
                        + output.path("status").asString() + ".";
            case "marketing.get_campaign_status" ->
                "Campaign " + output.path("campaign_id").asString() + " is "
                        + output.path("status").asString() + ".";
            default -> "Done (" + tool + ").";
        };
    }

    private static String logs(JsonNode output) {
        JsonNode lines = output.path("lines");
        if (lines.isEmpty()) return "No log lines in that window.";
        StringBuilder text = new StringBuilder(lines.size() + " log line(s); the latest:");
        for (int i = Math.max(0, lines.size() - 5); i < lines.size(); i++) {
            text.append("\n")
                    .append(lines.get(i).path("timestamp").asString())
                    .append(' ')
                    .append(lines.get(i).path("text").asString());
        }
        return text.toString();
    }

    private static String funnel(JsonNode output) {
        StringBuilder text =
                new StringBuilder("Funnel over " + output.path("range_days").asInt() + " days: ");
        JsonNode steps = output.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (i > 0) text.append(" > ");
            text.append(step.path("event_name").asString())
                    .append(' ')
                    .append(step.path("users").asLong());
            if (i > 0)
                text.append(String.format(
                        Locale.ROOT,
                        " (%.0f%%)",
                        step.path("conversion_from_prev").asDouble() * 100));
        }
        return text.append('.').toString();
    }

    private static String drivers(JsonNode output) {
        JsonNode drivers = output.path("drivers");
        if (drivers.isEmpty())
            return "No driver stood out for "
                    + output.path("target").path("metric").asString() + ".";
        StringBuilder text = new StringBuilder(
                "Top drivers of " + output.path("target").path("metric").asString() + ":");
        for (int i = 0; i < Math.min(3, drivers.size()); i++) {
            JsonNode driver = drivers.get(i);
            text.append("\n")
                    .append(i + 1)
                    .append(". ")
                    .append(driver.path("name").asString())
                    .append(" (")
                    .append(driver.path("direction").asString())
                    .append("): ")
                    .append(driver.path("evidence").asString());
        }
        return text.toString();
    }

    private static String posts(JsonNode output) {
        StringBuilder text = new StringBuilder("Drafted posts:");
        for (JsonNode channel : output.path("channels")) {
            text.append("\n")
                    .append(channel.path("channel").asString())
                    .append(": ")
                    .append(channel.path("posts").path(0).path("text").asString());
        }
        return text.append("\nSay \"publish them now\" or give a time.").toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
