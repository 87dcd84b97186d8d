package com.productos.brand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.EmbeddedExecutors;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorResult;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** brand.get_profile and brand.update_profile through the client, the embedded server and SQLite. */
class BrandExecutorHttpTest {
    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00.123Z");
    private static final ToolDefinition GET = ExecutorTestSupport.tool("brand.get_profile");
    private static final ToolDefinition UPDATE = ExecutorTestSupport.tool("brand.update_profile");

    @TempDir
    Path dir;

    private Workspace workspace;
    private EmbeddedExecutors executors;
    private ExecutorHttpClient client;

    static JsonNode completeProfile() throws Exception {
        return Json.parse(Files.readString(Path.of("../test-fixtures/brand/complete-profile.json")));
    }

    @BeforeEach
    void start() {
        workspace = Workspace.open(dir);
        ProductOsConfig config = ProductOsConfig.empty();
        executors = EmbeddedExecutors.start(new ExecutorEnvironment(
                workspace, ExecutorTestSupport.REGISTRY, config, Clock.fixed(NOW, ZoneOffset.UTC)));
        client = ExecutorHttpClient.create(executors.resolver(), config);
    }

    @AfterEach
    void stop() {
        client.close();
        executors.close();
    }

    private ExecutorResult call(Run run) throws Exception {
        ToolDefinition tool = run.tool().equals(GET.name()) ? GET : UPDATE;
        ExecutorResult result = client.invoke(tool, run).get(30, TimeUnit.SECONDS);
        // Whatever the executor answers must keep the registry's promise.
        assertEquals(List.of(), tool.outputSchema().validate(result.output()));
        return result;
    }

    private ExecutorCallException failure(Run run) {
        ToolDefinition tool = run.tool().equals(GET.name()) ? GET : UPDATE;
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> client.invoke(tool, run).get(30, TimeUnit.SECONDS));
        return assertInstanceOf(ExecutorCallException.class, e.getCause());
    }

    private static Run get(String profileId) {
        return ExecutorTestSupport.run("brand.get_profile", Json.object().put("profile_id", profileId), null);
    }

    private static Run update(String profileId, JsonNode patch) {
        ObjectNode input = Json.object().put("profile_id", profileId);
        input.set("patch", patch);
        return ExecutorTestSupport.run("brand.update_profile", input, null);
    }

    private List<BrandAuditEntry> audit(String profileId) {
        try (SqliteBrandProfileStore store = SqliteBrandProfileStore.open(workspace.executorStore("brand"))) {
            return store.auditTrail(profileId);
        }
    }

    @Test
    void missingProfileShouldAnswer404SayingHowToCreateIt() {
        ExecutorCallException e = failure(get("default"));
        assertEquals(ErrorCode.ExecutorError, e.code());
        assertEquals(404, e.details().get("http_status").asInt());
        assertEquals("not_found", e.details().get("code").asString());
        assertTrue(
                e.getMessage().contains("brand.update_profile")
                        && e.getMessage().contains("complete profile"),
                e.getMessage());
    }

    @Test
    void completePatchShouldCreateTheProfile() throws Exception {
        Run create = update("default", completeProfile());
        ExecutorResult result = call(create);
        assertEquals(Json.parse("{\"ok\":true,\"updated_at\":\"2026-11-25T20:00:00.123Z\"}"), result.output());
        assertEquals(
                "created brand profile 'default' (fields name, voice, audience, claims_policy)",
                result.logs().get(0).text());

        JsonNode read = call(get("default")).output();
        assertEquals("default", read.get("profile_id").asString());
        assertEquals(completeProfile(), read.get("brand"));

        BrandAuditEntry entry = audit("default").get(0);
        assertEquals(create.id(), entry.runId());
        assertEquals("user", entry.actor());
        assertNull(entry.before());
        assertEquals(completeProfile(), entry.after());
        assertEquals(completeProfile(), entry.patch());
        assertEquals(NOW, entry.at());
    }

    @Test
    void partialPatchShouldMergeIntoTheStoredProfile() throws Exception {
        call(update("default", completeProfile()));
        JsonNode patch = Json.parse("{\"voice\":{\"tone\":[\"playful\"]},\"audience\":{\"secondary\":null}}");
        Run change = update("default", patch);
        call(change);

        JsonNode brand = call(get("default")).output().get("brand");
        JsonNode expected = JsonMergePatch.apply(completeProfile(), patch);
        assertEquals(expected, brand);
        assertEquals(Json.parse("[\"playful\"]"), brand.get("voice").get("tone"));
        assertEquals(
                completeProfile().get("voice").get("dont"), brand.get("voice").get("dont"));
        assertTrue(brand.get("audience").get("secondary") == null);

        List<BrandAuditEntry> trail = audit("default");
        assertEquals(2, trail.size());
        assertEquals(change.id(), trail.get(1).runId());
        assertEquals(patch, trail.get(1).patch());
        assertEquals(completeProfile(), trail.get(1).before());
        assertEquals(expected, trail.get(1).after());
    }

    @Test
    void invalidPatchShouldAnswer400WithPointersIntoTheInputAndWriteNothing() throws Exception {
        call(update("default", completeProfile()));
        ExecutorCallException e = failure(update(
                "default",
                Json.parse("{\"voice\":{\"tone\":\"loud\"},\"colour\":\"red\",\"audience\":{\"primary\":7}}")));
        assertEquals(ErrorCode.ExecutorError, e.code());
        assertEquals(400, e.details().get("http_status").asInt());
        assertEquals("invalid_input", e.details().get("code").asString());
        List<String> pointers = pointers(e.details().get("details"));
        assertTrue(
                pointers.containsAll(List.of("/patch/voice/tone", "/patch/colour", "/patch/audience/primary")),
                pointers.toString());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());

        assertEquals(completeProfile(), call(get("default")).output().get("brand"));
        assertEquals(1, audit("default").size());
    }

    @Test
    void removingARequiredFieldShouldBeRefused() throws Exception {
        call(update("default", completeProfile()));
        ExecutorCallException e = failure(update("default", Json.parse("{\"voice\":null}")));
        assertEquals(List.of("/patch/voice"), pointers(e.details().get("details")));
        assertEquals(completeProfile(), call(get("default")).output().get("brand"));
    }

    @Test
    void incompletePatchForAMissingProfileShouldSayWhatIsMissing() throws Exception {
        ExecutorCallException e =
                failure(update("new", Json.parse("{\"name\":\"Acme\",\"voice\":{\"tone\":[\"calm\"]}}")));
        assertEquals(400, e.details().get("http_status").asInt());
        String message = e.getMessage();
        assertTrue(message.contains("does not exist yet"), message);
        assertTrue(
                message.contains("missing /audience, /claims_policy, /voice/style_notes, /voice/do, /voice/dont"),
                message);
        assertTrue(pointers(e.details().get("details")).contains("/patch/audience"));
        assertEquals(404, failure(get("new")).details().get("http_status").asInt());
        assertEquals(List.of(), audit("new"));
    }

    @Test
    void profilesShouldBeKeptApart() throws Exception {
        call(update("a", completeProfile()));
        call(update("b", JsonMergePatch.apply(completeProfile(), Json.parse("{\"name\":\"Other\"}"))));
        assertEquals(
                "Acme Analytics",
                call(get("a")).output().get("brand").get("name").asString());
        assertEquals("Other", call(get("b")).output().get("brand").get("name").asString());
    }

    @Test
    void concurrentUpdatesShouldApplyOneAfterAnother() throws Exception {
        call(update("default", completeProfile()));
        List<java.util.concurrent.CompletableFuture<ExecutorResult>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(client.invoke(
                    UPDATE, update("default", Json.parse("{\"voice\":{\"tone\":[\"tone-" + i + "\"]}}"))));
        }
        for (var call : calls) call.get(30, TimeUnit.SECONDS);
        List<BrandAuditEntry> trail = audit("default");
        assertEquals(9, trail.size());
        // Each write started from what the previous one stored: no update was lost or interleaved.
        for (int i = 1; i < trail.size(); i++)
            assertEquals(trail.get(i - 1).after(), trail.get(i).before());
        assertEquals(trail.get(8).after(), call(get("default")).output().get("brand"));
    }

    private static List<String> pointers(JsonNode details) {
        return details.valueStream()
                .map(detail -> detail.get("pointer").asString())
                .toList();
    }
}
