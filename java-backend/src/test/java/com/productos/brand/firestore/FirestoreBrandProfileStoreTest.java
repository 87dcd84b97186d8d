package com.productos.brand.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.brand.BrandAuditEntry;
import com.productos.brand.StoredProfile;
import com.productos.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FirestoreBrandProfileStoreTest {
    private static FirestoreEmulator emulator;
    private FirestoreBrandProfileStore store;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = FirestoreEmulator.start();
    }

    @AfterAll
    static void stopEmulator() throws Exception {
        if (emulator != null) emulator.close();
    }

    @BeforeEach
    void connect() {
        // A fresh collection per test keeps tests independent on the shared emulator.
        store = FirestoreBrandProfileStore.connect(
                "productos-test",
                null,
                null,
                emulator.host(),
                "brand_profiles_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static final JsonNode ACME = Json.parse("""
            {"name":"Acme","voice":"plain and warm","audience":"small SaaS teams",
             "claims_policy":{"forbidden":["#1","guaranteed"],"require_sources":true},"max_posts":3}
            """);

    private static BrandAuditEntry audit(String runId, JsonNode before, JsonNode after) {
        return new BrandAuditEntry(
                "default",
                runId,
                "user",
                Json.parse("{\"voice\":\"plain and warm\"}"),
                before,
                after,
                Instant.parse("2026-11-25T12:00:00.123Z"));
    }

    @Test
    void aStoredProfileShouldReadBackAsTheSameJson() {
        store.put("default", ACME, audit("run-1", null, ACME));

        Optional<StoredProfile> read = store.get("default");

        assertTrue(read.isPresent());
        assertEquals(
                Json.canonical(ACME),
                Json.canonical(read.get().brand()),
                "same JSON (Firestore keeps integers as 64-bit)");
        assertEquals(Instant.parse("2026-11-25T12:00:00.123Z"), read.get().updatedAt());
    }

    @Test
    void everyWriteShouldLeaveOneAuditEntryWithItsRunAndPatch() {
        store.put("default", ACME, audit("run-1", null, ACME));
        JsonNode changed = ACME.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) changed).put("voice", "bold");
        store.put("default", changed, audit("run-2", ACME, changed));

        List<JsonNode> trail = store.auditTrail("default");

        assertEquals(2, trail.size());
        assertEquals("run-2", trail.get(1).path("run_id").asString());
        assertEquals("user", trail.get(1).path("actor").asString());
        assertEquals("plain and warm", trail.get(1).path("before").path("voice").asString());
        assertEquals("bold", trail.get(1).path("after").path("voice").asString());
        assertEquals("plain and warm", trail.get(1).path("patch").path("voice").asString());
        assertEquals(
                "bold", store.get("default").orElseThrow().brand().path("voice").asString());
    }

    @Test
    void aWriteShouldReplaceTheWholeDocument() {
        store.put("default", ACME, audit("run-1", null, ACME));
        JsonNode smaller = Json.parse("{\"name\":\"Acme\",\"voice\":\"v\",\"audience\":\"a\",\"claims_policy\":{}}");

        store.put("default", smaller, audit("run-2", ACME, smaller));

        JsonNode read = store.get("default").orElseThrow().brand();
        assertFalse(read.has("max_posts"), "fields left out of the new profile are gone: " + read);
        assertEquals(smaller, read);
    }

    @Test
    void aWriteFirestoreRejectsShouldChangeNeitherTheProfileNorTheAuditTrail() {
        store.put("default", ACME, audit("run-1", null, ACME));
        JsonNode rejected = Json.parse("{\"name\":\"Acme\",\"\":\"a field with an empty name\"}");

        com.productos.common.StoreException failure = org.junit.jupiter.api.Assertions.assertThrows(
                com.productos.common.StoreException.class,
                () -> store.put("default", rejected, audit("run-2", ACME, rejected)));

        assertTrue(failure.getMessage().contains("brand profile default"), failure.getMessage());
        assertEquals(
                Json.canonical(ACME),
                Json.canonical(store.get("default").orElseThrow().brand()));
        assertEquals(1, store.auditTrail("default").size());
    }

    @Test
    void putIfUnchangedShouldWriteOnlyOverTheExpectedDocument() {
        assertTrue(
                store.putIfUnchanged("default", null, ACME, audit("run-1", null, ACME))
                        .isPresent(),
                "first write over nothing");
        JsonNode bold = Json.parse("{\"name\":\"Acme\",\"voice\":\"bold\",\"audience\":\"a\",\"claims_policy\":{}}");
        JsonNode calm = Json.parse("{\"name\":\"Acme\",\"voice\":\"calm\",\"audience\":\"a\",\"claims_policy\":{}}");

        assertTrue(
                store.putIfUnchanged("default", ACME, bold, audit("run-2", ACME, bold))
                        .isPresent(),
                "ACME was current");
        assertTrue(
                store.putIfUnchanged("default", ACME, calm, audit("run-3", ACME, calm))
                        .isEmpty(),
                "ACME is no longer current");
        assertTrue(
                store.putIfUnchanged("default", null, calm, audit("run-4", null, calm))
                        .isEmpty(),
                "a profile exists");

        assertEquals(
                "bold", store.get("default").orElseThrow().brand().path("voice").asString());
        assertEquals(2, store.auditTrail("default").size(), "refused writes leave no audit entry");
    }

    @Test
    void anUnknownProfileShouldBeEmpty() {
        assertTrue(store.get("nobody").isEmpty());
    }
}
