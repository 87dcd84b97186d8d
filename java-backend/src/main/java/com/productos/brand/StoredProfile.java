package com.productos.brand;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A brand profile document as stored, with the time of its last write. */
public record StoredProfile(String profileId, JsonNode brand, Instant updatedAt) {}
