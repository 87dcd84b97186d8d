package com.productos.analytics.events;

import com.productos.analytics.WarehouseException;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputProblems;
import com.productos.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * events.ingest and the ingest endpoint a product service posts batches to:
 * {@code {"events": [{user_id, event_name, timestamp, properties?, insert_id?}]}} answers
 * {@code {accepted, duplicates, rejected: [{index, insert_id?, reason}]}}. Good events are stored in
 * one transaction even when others are refused; a batch over the size limit is refused whole (413).
 * Timestamps are ISO-8601 date-times ("2026-03-01T10:00:00Z"; without an offset they are UTC).
 */
public final class IngestHandler implements ExecutorHandler {
    private final EventSink sink;
    private final EventBuilder builder;
    private final int maxEventsPerBatch;

    public IngestHandler(EventSink sink, EventLimits limits, int maxEventsPerBatch) {
        this.sink = sink;
        this.builder = new EventBuilder(limits);
        this.maxEventsPerBatch = maxEventsPerBatch;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        JsonNode events = request.input().path("events");
        if (!events.isArray() || events.isEmpty()) {
            throw InputProblems.single(
                    "/events", "must be a non-empty array", "events must be a non-empty array of events");
        }
        if (events.size() > maxEventsPerBatch) {
            throw new ExecutorFailure(
                    413,
                    "too_large",
                    "the batch holds " + events.size() + " events, more than the limit of " + maxEventsPerBatch
                            + "; send smaller batches");
        }
        List<Event> good = new ArrayList<>();
        ArrayNode rejected = Json.array();
        for (int i = 0; i < events.size(); i++) {
            JsonNode node = events.get(i);
            try {
                good.add(parse(node));
            } catch (IllegalArgumentException e) {
                ObjectNode refusal = Json.object().put("index", i);
                if (node.path("insert_id").isString())
                    refusal.put("insert_id", node.path("insert_id").asString());
                rejected.add(refusal.put("reason", e.getMessage()));
            }
        }
        IngestResult result;
        try {
            result = good.isEmpty() ? new IngestResult(0, 0) : sink.insert(good);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not store the batch (nothing was stored): " + e.getMessage());
        }
        request.log()
                .info("ingest: " + result.inserted() + " stored, " + result.duplicates() + " duplicates, "
                        + rejected.size() + " refused");
        ObjectNode output = Json.object();
        output.put("accepted", result.inserted());
        output.put("duplicates", result.duplicates());
        output.set("rejected", rejected);
        return output;
    }

    private Event parse(JsonNode node) {
        if (!node.isObject()) throw new IllegalArgumentException("is not an object");
        JsonNode properties = node.path("properties");
        if (!properties.isMissingNode() && !properties.isNull() && !properties.isObject()) {
            throw new IllegalArgumentException("properties must be an object");
        }
        JsonNode timestamp = node.path("timestamp");
        if (!timestamp.isString()) {
            throw new IllegalArgumentException(
                    "timestamp must be an ISO-8601 date-time string, e.g. 2026-03-01T10:00:00Z");
        }
        Instant at = TimestampParser.parse(timestamp.asString(), null);
        return builder.build(
                string(node, "user_id"),
                string(node, "event_name"),
                at,
                properties.isObject() ? (ObjectNode) properties : null,
                string(node, "insert_id"));
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) return null;
        if (!value.isString()) throw new IllegalArgumentException(field + " must be a string");
        return value.asString();
    }
}
