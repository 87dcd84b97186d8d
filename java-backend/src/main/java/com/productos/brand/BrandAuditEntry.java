package com.productos.brand;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Who changed a brand profile, through which run, with which patch, and what it was before. */
public record BrandAuditEntry(
        String profileId, String runId, String actor, JsonNode patch, JsonNode before, JsonNode after, Instant at) {}
