package com.productos.analytics.insights;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * analytics.write_insight: persists an insight in three places: a row in the warehouse's insights
 * table (DuckDB or BigQuery), a pointer document ({@link InsightPointers}: the store's SQLite file, or
 * Firestore) and the report files insight.json, report.md and chart.svg under {@code insights/<id>/}
 * ({@link InsightReports}: the artifacts folder, or a GCS bucket). All three are written or none: a failure undoes what
 * was already written. With an idempotency key the insight id is derived from it, and a repeated call
 * returns the first answer without writing again.
 */
public final class InsightHandler implements ExecutorHandler {
    private final AnalyticsWarehouse warehouse;
    private final InsightPointers pointers;
    private final InsightReports reports;
    private final Clock clock;

    public InsightHandler(AnalyticsWarehouse warehouse, InsightPointers pointers, InsightReports reports, Clock clock) {
        this.warehouse = warehouse;
        this.pointers = pointers;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        JsonNode insight = request.input().path("insight");
        check(insight);
        String insightId =
                request.idempotencyKey() == null || request.idempotencyKey().isBlank()
                        ? "ins_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20)
                        : "ins_"
                                + Json.sha256Hex("write_insight\u0000" + request.idempotencyKey())
                                        .substring(0, 20);
        String prefix = "insights/" + insightId + "/";
        ObjectNode output = output(insightId, prefix);
        synchronized (this) {
            if (warehouse.insightExists(insightId) && pointers.exists(insightId)) {
                request.log()
                        .info("insight " + insightId + " was already written for this idempotency key; returning it");
                return output;
            }
            write(request, insight, insightId, prefix, output);
        }
        return output;
    }

    private void write(ExecutorRequest request, JsonNode insight, String insightId, String prefix, ObjectNode output)
            throws ExecutorFailure {
        Instant now = clock.instant();
        boolean rowWritten = false;
        boolean pointerWritten = false;
        Map<String, String> locations;
        try {
            locations = reports.write(prefix, reportFiles(insight, insightId, now, output));
            warehouse.insertInsight(new InsightRecord(
                    insightId,
                    now,
                    insight.path("type").asString(),
                    insight.path("title").asString(),
                    insight.path("summary").asString(),
                    insight.path("severity").asString(),
                    insight.path("confidence").asDouble(),
                    insight.path("window").path("range_days").asInt(),
                    nullable(insight.path("context")),
                    insight.path("recommendations"),
                    nullable(insight.path("links")),
                    request.runId(),
                    prefix));
            rowWritten = true;
            ObjectNode pointer = Json.object()
                    .put("insight_id", insightId)
                    .put("type", insight.path("type").asString())
                    .put("title", insight.path("title").asString())
                    .put("severity", insight.path("severity").asString())
                    .put("confidence", insight.path("confidence").asDouble())
                    .put("created_at", now.toString())
                    .put("run_id", request.runId());
            pointer.set("stored", output.path("stored"));
            pointers.put(insightId, now.toString(), request.runId(), pointer);
            pointerWritten = true;
        } catch (IOException | RuntimeException e) {
            undo(insightId, prefix, rowWritten, pointerWritten);
            throw ExecutorFailure.unavailable(
                    "could not store insight " + insightId + " (nothing was kept): " + e.getMessage());
        }
        locations.forEach((file, uri) -> request.log().artifact(file, uri, mediaType(file)));
        request.log()
                .info("insight " + insightId + " stored: warehouse "
                        + output.path("stored").path("bigquery") + ", pointer " + pointers.collection() + "/"
                        + insightId + ", report " + reports.bucket() + "/" + prefix);
    }

    private void undo(String insightId, String prefix, boolean rowWritten, boolean pointerWritten) {
        if (pointerWritten) {
            try {
                pointers.delete(insightId);
            } catch (RuntimeException ignored) {
                // Reported by the caller; a pointer without its row reads as a missing insight.
            }
        }
        if (rowWritten) {
            try {
                warehouse.deleteInsight(insightId);
            } catch (RuntimeException ignored) {
                // Reported by the caller; the row without a pointer is invisible to the UI.
            }
        }
        reports.delete(prefix);
    }

    private static Map<String, byte[]> reportFiles(JsonNode insight, String insightId, Instant now, ObjectNode output) {
        ObjectNode document = Json.object().put("insight_id", insightId).put("created_at", now.toString());
        document.set("insight", insight);
        document.set("stored", output.path("stored"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("insight.json", (document.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        files.put(
                "report.md",
                InsightMarkdown.render(insightId, insight, now.toString()).getBytes(StandardCharsets.UTF_8));
        files.put(
                "chart.svg",
                InsightChart.svg(insight.path("title").asString(), insight.path("context"))
                        .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private ObjectNode output(String insightId, String prefix) {
        StoredLocation location = warehouse.insightsLocation();
        ObjectNode output = Json.object().put("insight_id", insightId);
        ObjectNode stored = output.putObject("stored");
        stored.putObject("bigquery").put("dataset", location.dataset()).put("table", location.table());
        stored.putObject("firestore").put("collection", pointers.collection()).put("doc_id", insightId);
        stored.putObject("gcs").put("bucket", reports.bucket()).put("prefix", prefix);
        return output;
    }

    private static void check(JsonNode insight) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("title", "summary")) {
            if (!insight.path(field).isString()
                    || insight.path(field).asString().isBlank()) {
                errors.add(new FieldError("/insight/" + field, "must be non-empty text"));
            }
        }
        JsonNode recommendations = insight.path("recommendations");
        if (!recommendations.isArray() || recommendations.isEmpty()) {
            errors.add(
                    new FieldError("/insight/recommendations", "give at least one recommendation {action, rationale}"));
        } else {
            for (int i = 0; i < recommendations.size(); i++) {
                if (recommendations.get(i).path("action").asString("").isBlank()) {
                    errors.add(new FieldError("/insight/recommendations/" + i + "/action", "must be non-empty text"));
                }
            }
        }
        double confidence = insight.path("confidence").asDouble(-1);
        if (!insight.path("confidence").isNumber() || confidence < 0 || confidence > 1) {
            errors.add(new FieldError("/insight/confidence", "must be a number from 0 to 1"));
        }
        int days = insight.path("window").path("range_days").asInt(0);
        if (days < 1 || days > 365)
            errors.add(new FieldError("/insight/window/range_days", "must be a whole number of days from 1 to 365"));
        new InputProblems().addAll(errors).throwIfAny("analytics.write_insight");
    }

    private static JsonNode nullable(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private static String mediaType(String file) {
        return file.endsWith(".json") ? "application/json" : file.endsWith(".md") ? "text/markdown" : "image/svg+xml";
    }
}
