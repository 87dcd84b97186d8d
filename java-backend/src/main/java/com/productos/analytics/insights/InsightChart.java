package com.productos.analytics.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * An SVG bar chart for an insight report, drawn from its context: a funnel
 * ({@code context.funnel.steps} or {@code context.steps}, each {event_name, users}, as
 * analytics.funnel_summary returns them) as vertical bars, or drivers ({@code context.drivers}, each
 * {name, score} as analytics.top_drivers returns them) as bars of log2 odds ratio either side of zero.
 */
public final class InsightChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;

    private InsightChart() {}

    public static String svg(String title, JsonNode context) {
        JsonNode steps = context.path("funnel").path("steps");
        if (!steps.isArray()) steps = context.path("steps");
        if (steps.isArray() && !steps.isEmpty()) return funnel(title, steps);
        JsonNode drivers = context.path("drivers");
        if (drivers.isArray() && !drivers.isEmpty()) return drivers(title, drivers);
        return frame(
                title,
                "<text x=\"20\" y=\"80\" font-size=\"14\">No funnel or driver data in this insight's context.</text>");
    }

    private static String funnel(String title, JsonNode steps) {
        long max = 1;
        for (JsonNode step : steps) max = Math.max(max, step.path("users").asLong());
        int count = steps.size();
        double slot = (WIDTH - 40.0) / count;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < count; i++) {
            JsonNode step = steps.get(i);
            long users = step.path("users").asLong();
            double height = (HEIGHT - 110.0) * users / max;
            double x = 20 + i * slot + slot * 0.15;
            double y = HEIGHT - 50 - height;
            body.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b82f6\"/>",
                    x,
                    y,
                    slot * 0.7,
                    height));
            body.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%,d</text>",
                    x + slot * 0.35,
                    y - 6,
                    users));
            body.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                    x + slot * 0.35,
                    HEIGHT - 30,
                    escape(step.path("event_name").asString(""))));
        }
        return frame(title, body.toString());
    }

    private static String drivers(String title, JsonNode drivers) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode driver : drivers) if (rows.size() < 10) rows.add(driver);
        double maxLog = 0.1;
        for (JsonNode driver : rows)
            maxLog = Math.max(maxLog, Math.abs(log2(driver.path("score").asDouble(1))));
        double rowHeight = (HEIGHT - 70.0) / rows.size();
        double center = WIDTH * 0.6;
        double half = WIDTH * 0.35;
        StringBuilder body = new StringBuilder(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"50\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>",
                center,
                center,
                HEIGHT - 10));
        for (int i = 0; i < rows.size(); i++) {
            JsonNode driver = rows.get(i);
            double value = log2(driver.path("score").asDouble(1));
            double length = half * Math.abs(value) / maxLog;
            double y = 50 + i * rowHeight + rowHeight * 0.15;
            double x = value >= 0 ? center : center - length;
            body.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    x,
                    y,
                    length,
                    rowHeight * 0.7,
                    value >= 0 ? "#16a34a" : "#dc2626"));
            body.append(String.format(
                    Locale.ROOT,
                    "<text x=\"10\" y=\"%.1f\" font-size=\"12\">%s (x%.2f)</text>",
                    y + rowHeight * 0.5,
                    escape(driver.path("name").asString("")),
                    driver.path("score").asDouble(1)));
        }
        return frame(title, body.toString());
    }

    private static double log2(double value) {
        return value <= 0 ? 0 : Math.log(value) / Math.log(2);
    }

    private static String frame(String title, String body) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 "
                + WIDTH + " " + HEIGHT + "\" font-family=\"sans-serif\"><title>" + escape(title) + "</title>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><text x=\"20\" y=\"28\" font-size=\"16\" font-weight=\"bold\">"
                + escape(title) + "</text>" + body + "</svg>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
