package com.productos.analytics.events;

import com.productos.json.Json;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of one file import. {@code eventsRead} counts events found (a JSONL line may hold
 * several); {@code imported} were stored, {@code duplicates} were already stored (or repeated in the
 * file), {@code rejectedCount} were refused. {@code rejected} lists the first {@link #MAX_LISTED}
 * refusals with line numbers and reasons.
 */
public record ImportReport(
        Path file,
        ImportFormat format,
        long recordsRead,
        long eventsRead,
        long imported,
        long duplicates,
        long rejectedCount,
        List<RejectedRow> rejected) {
    public static final int MAX_LISTED = 1000;

    /** The report as JSON, e.g. for the CLI: counts plus {line, reason} per listed refusal. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object()
                .put("file", file.toString())
                .put("format", format.name().toLowerCase())
                .put("records_read", recordsRead)
                .put("events_read", eventsRead)
                .put("imported", imported)
                .put("duplicates", duplicates)
                .put("rejected_count", rejectedCount);
        ArrayNode list = json.putArray("rejected");
        for (RejectedRow row : rejected)
            list.add(Json.object().put("line", row.line()).put("reason", row.reason()));
        return json;
    }
}
