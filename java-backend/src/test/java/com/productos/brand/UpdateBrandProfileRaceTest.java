package com.productos.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Another process writing the same SQLite file between update_profile's read and its write: the
 * patch must be merged again onto that writer's profile, never over it.
 */
class UpdateBrandProfileRaceTest {
    private static final String PATH = "/execute/brand/update_profile";

    @TempDir
    Path dir;

    /** The real store, with a second connection that writes just before this one's next checked write. */
    private static final class InterleavedStore implements BrandProfileStore {
        private final SqliteBrandProfileStore mine;
        private final SqliteBrandProfileStore other;
        private final List<JsonNode> otherWrites;
        private int interleaved;

        InterleavedStore(SqliteBrandProfileStore mine, SqliteBrandProfileStore other, List<JsonNode> otherWrites) {
            this.mine = mine;
            this.other = other;
            this.otherWrites = otherWrites;
        }

        @Override
        public Optional<StoredProfile> get(String profileId) {
            return mine.get(profileId);
        }

        @Override
        public StoredProfile put(String profileId, JsonNode profile, BrandAuditEntry audit) {
            return mine.put(profileId, profile, audit);
        }

        @Override
        public Optional<StoredProfile> putIfUnchanged(
                String profileId, JsonNode expectedBefore, JsonNode profile, BrandAuditEntry audit) {
            if (interleaved < otherWrites.size()) {
                JsonNode patch = otherWrites.get(interleaved++);
                JsonNode before = other.get(profileId).map(StoredProfile::brand).orElse(null);
                JsonNode after = JsonMergePatch.apply(before, patch);
                other.put(
                        profileId,
                        after,
                        new BrandAuditEntry(profileId, "other-process", "user", patch, before, after, Instant.now()));
            }
            return mine.putIfUnchanged(profileId, expectedBefore, profile, audit);
        }
    }

    private UpdateBrandProfileHandler handler(BrandProfileStore store) {
        return new UpdateBrandProfileHandler(
                store,
                BrandProfileSchema.from(ExecutorTestSupport.REGISTRY),
                Clock.fixed(Instant.parse("2026-11-25T21:00:00Z"), ZoneOffset.UTC));
    }

    private static ExecutorRequest request(JsonNode patch) {
        return new ExecutorRequest(
                PATH,
                Json.object().put("profile_id", "default").set("patch", patch),
                "run-mine",
                null,
                "user",
                new ExecutorLog());
    }

    @Test
    void patchShouldBeMergedOntoTheOtherWritersProfile() throws Exception {
        Path file = dir.resolve("p.db");
        try (SqliteBrandProfileStore mine = SqliteBrandProfileStore.open(file);
                SqliteBrandProfileStore other = SqliteBrandProfileStore.open(file)) {
            JsonNode profile = BrandExecutorHttpTest.completeProfile();
            mine.put(
                    "default",
                    profile,
                    new BrandAuditEntry("default", "seed", "user", profile, null, profile, Instant.now()));
            InterleavedStore store =
                    new InterleavedStore(mine, other, List.of(Json.parse("{\"name\":\"Renamed elsewhere\"}")));
            ExecutorRequest request = request(Json.parse("{\"voice\":{\"tone\":[\"warm\"]}}"));

            handler(store).handle(request);

            JsonNode stored = mine.get("default").orElseThrow().brand();
            assertEquals("Renamed elsewhere", stored.get("name").asString());
            assertEquals(Json.parse("[\"warm\"]"), stored.get("voice").get("tone"));
            List<BrandAuditEntry> trail = mine.auditTrail("default");
            assertEquals(
                    List.of("seed", "other-process", "run-mine"),
                    trail.stream().map(BrandAuditEntry::runId).toList());
            assertEquals(trail.get(1).after(), trail.get(2).before());
            assertTrue(
                    request.log().lines().stream().anyMatch(line -> line.text().contains("merging again")));
        }
    }

    @Test
    void aProfileThatKeepsChangingShouldEndInAConflictWithNothingWritten() throws Exception {
        Path file = dir.resolve("p.db");
        try (SqliteBrandProfileStore mine = SqliteBrandProfileStore.open(file);
                SqliteBrandProfileStore other = SqliteBrandProfileStore.open(file)) {
            JsonNode profile = BrandExecutorHttpTest.completeProfile();
            mine.put(
                    "default",
                    profile,
                    new BrandAuditEntry("default", "seed", "user", profile, null, profile, Instant.now()));
            List<JsonNode> busy = List.of(
                    Json.parse("{\"name\":\"1\"}"), Json.parse("{\"name\":\"2\"}"), Json.parse("{\"name\":\"3\"}"));
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> handler(new InterleavedStore(mine, other, busy))
                            .handle(request(Json.parse("{\"name\":\"mine\"}"))));
            assertEquals(409, failure.httpStatus());
            assertEquals(
                    "3", mine.get("default").orElseThrow().brand().get("name").asString());
            assertTrue(mine.auditTrail("default").stream().noneMatch(entry -> "run-mine".equals(entry.runId())));
        }
    }
}
