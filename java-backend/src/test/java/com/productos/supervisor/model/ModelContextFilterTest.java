package com.productos.supervisor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ModelContextFilterTest {
    private final ModelContextFilter filter = new ModelContextFilter(List.of("s3cr3t-value-123", "short"), 400);

    @Test
    void secretFieldsShouldBeReplacedAtAnyDepth() {
        JsonNode output = Json.parse("""
                {"campaign_id":"c-1","api_key":"abc","nested":{"access_token":"t","Authorization":"Bearer x",
                 "key_points":["kept"]},"provider_response":{"raw":1},"items":[{"password":"p","name":"n"}]}""");
        JsonNode seen = filter.redact(output);
        assertEquals("c-1", seen.path("campaign_id").asString());
        assertEquals(ModelContextFilter.REDACTED, seen.path("api_key").asString());
        assertEquals(
                ModelContextFilter.REDACTED,
                seen.path("nested").path("access_token").asString());
        assertEquals(
                ModelContextFilter.REDACTED,
                seen.path("nested").path("Authorization").asString());
        assertEquals("kept", seen.path("nested").path("key_points").get(0).asString());
        assertEquals(ModelContextFilter.REDACTED, seen.path("provider_response").asString());
        assertEquals(
                ModelContextFilter.REDACTED,
                seen.path("items").get(0).path("password").asString());
        assertEquals("n", seen.path("items").get(0).path("name").asString());
    }

    @Test
    void knownSecretValuesShouldBeBlankedInsideText() {
        JsonNode output =
                Json.parse("{\"lines\":[{\"text\":\"auth with s3cr3t-value-123 ok\"},{\"text\":\"a short line\"}]}");
        String seen = filter.forModel(output);
        assertFalse(seen.contains("s3cr3t-value-123"), seen);
        assertTrue(seen.contains("auth with [redacted] ok"), seen);
        assertTrue(seen.contains("a short line"), "values under 8 characters are not blanked: " + seen);
    }

    @Test
    void longOutputShouldBeCutWithANote() {
        JsonNode output = Json.parse("{\"text\":\"" + "x".repeat(1000) + "\"}");
        String seen = filter.forModel(output);
        assertTrue(seen.startsWith("{\"text\":\"xxx"), seen);
        assertTrue(seen.contains("[truncated: 400 of 1011 characters shown"), seen);
        assertEquals(Json.write(Json.parse("{\"a\":1}")), filter.forModel(Json.parse("{\"a\":1}")));
    }
}
