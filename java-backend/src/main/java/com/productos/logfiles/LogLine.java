package com.productos.logfiles;

import com.productos.json.Json;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** One log line as logs.tail returns it. severity may be null when the source does not say. */
public record LogLine(Instant timestamp, String severity, String text) {
    public ObjectNode toJson() {
        ObjectNode out = Json.object().put("timestamp", timestamp.toString());
        if (severity != null) out.put("severity", severity);
        out.put("text", text);
        return out;
    }
}
