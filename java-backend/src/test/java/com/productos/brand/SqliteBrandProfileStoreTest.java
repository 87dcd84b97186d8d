package com.productos.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.common.StoreException;
import com.productos.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SqliteBrandProfileStoreTest {
    @TempDir
    Path dir;

    private static BrandAuditEntry audit(JsonNode patch, JsonNode before, JsonNode after, String at) {
        return new BrandAuditEntry("default", "run-1", "user", patch, before, after, Instant.parse(at));
    }

    @Test
    void putShouldStoreTheDocumentAndItsAuditRow() {
        try (SqliteBrandProfileStore store = SqliteBrandProfileStore.open(dir.resolve("p.db"))) {
            JsonNode profile = Json.parse("{\"name\":\"A\"}");
            StoredProfile stored =
                    store.put("default", profile, audit(profile, null, profile, "2026-01-02T03:04:05.006Z"));
            assertEquals(Instant.parse("2026-01-02T03:04:05.006Z"), stored.updatedAt());
            assertEquals(profile, store.get("default").orElseThrow().brand());
            BrandAuditEntry entry = store.auditTrail("default").get(0);
            assertEquals("run-1", entry.runId());
            assertNull(entry.before());
            assertEquals(profile, entry.after());
        }
    }

    @Test
    void aFailedAuditWriteShouldLeaveTheProfileAsItWas() {
        try (SqliteBrandProfileStore store = SqliteBrandProfileStore.open(dir.resolve("p.db"))) {
            JsonNode first = Json.parse("{\"name\":\"A\"}");
            store.put("default", first, audit(first, null, first, "2026-01-02T03:04:05Z"));
            JsonNode second = Json.parse("{\"name\":\"B\"}");
            // A null patch breaks the audit table's NOT NULL rule after the profile row was written.
            assertThrows(
                    StoreException.class,
                    () -> store.put("default", second, audit(null, first, second, "2026-01-03T00:00:00Z")));
            assertEquals(first, store.get("default").orElseThrow().brand());
            assertEquals(
                    Instant.parse("2026-01-02T03:04:05Z"),
                    store.get("default").orElseThrow().updatedAt());
            assertEquals(1, store.auditTrail("default").size());
        }
    }

    @Test
    void profilesShouldSurviveReopening() {
        Path file = dir.resolve("p.db");
        JsonNode profile = Json.parse("{\"name\":\"A\",\"voice\":{\"tone\":[\"calm\"]}}");
        try (SqliteBrandProfileStore store = SqliteBrandProfileStore.open(file)) {
            store.put("default", profile, audit(profile, null, profile, "2026-01-02T03:04:05Z"));
        }
        try (SqliteBrandProfileStore store = SqliteBrandProfileStore.open(file)) {
            assertEquals(profile, store.get("default").orElseThrow().brand());
            assertTrue(store.get("other").isEmpty());
        }
    }

    @Test
    void putIfUnchangedShouldRefuseWhenAnotherConnectionWroteFirst() {
        Path file = dir.resolve("p.db");
        JsonNode first = Json.parse("{\"name\":\"A\"}");
        try (SqliteBrandProfileStore mine = SqliteBrandProfileStore.open(file);
                SqliteBrandProfileStore theirs = SqliteBrandProfileStore.open(file)) {
            assertTrue(mine.putIfUnchanged("default", null, first, audit(first, null, first, "2026-01-01T00:00:00Z"))
                    .isPresent());
            JsonNode read = mine.get("default").orElseThrow().brand();
            JsonNode their = Json.parse("{\"name\":\"B\"}");
            theirs.put("default", their, audit(their, read, their, "2026-01-02T00:00:00Z"));

            JsonNode mineNext = Json.parse("{\"name\":\"C\"}");
            assertTrue(mine.putIfUnchanged(
                            "default", read, mineNext, audit(mineNext, read, mineNext, "2026-01-03T00:00:00Z"))
                    .isEmpty());
            assertEquals(their, mine.get("default").orElseThrow().brand());
            assertEquals(2, mine.auditTrail("default").size());
            // Absent is a state too: creating over an existing profile is refused.
            assertTrue(mine.putIfUnchanged(
                            "default", null, mineNext, audit(mineNext, null, mineNext, "2026-01-03T00:00:00Z"))
                    .isEmpty());
        }
    }
}
