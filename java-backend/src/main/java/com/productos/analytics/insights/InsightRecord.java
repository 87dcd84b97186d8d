package com.productos.analytics.insights;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** An insight as the warehouse's insights table keeps it; JSON fields are stored as JSON text. */
public record InsightRecord(
        String insightId,
        Instant createdAt,
        String type,
        String title,
        String summary,
        String severity,
        double confidence,
        int rangeDays,
        JsonNode context,
        JsonNode recommendations,
        JsonNode links,
        String runId,
        String reportPrefix) {}
