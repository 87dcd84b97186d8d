package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.testing.JsonRpcWireClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every frame the server writes stays within the frame limit it advertises, whatever the size of a
 * run's input, output or error: errors do not repeat the input, a notification too large is sent
 * without its bulk and says what it left out, a run answered likewise, any other answer too large is
 * an error saying why.
 */
class RpcFrameLimitTest {
    private static final int LIMIT_BYTES = 16 * 1024;
    private static final String BRAND =
            "{\"name\":\"Acme\",\"voice\":{\"tone\":[],\"style_notes\":[],\"do\":[],\"dont\":[]},"
                    + "\"audience\":{},\"claims_policy\":{}}";

    @TempDir
    Path folder;

    private RpcFixture fixture;
    private final List<JsonRpcWireClient.Frame> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new RpcFixture(
                folder,
                Set.of(),
                Duration.ofSeconds(5),
                new RpcServerOptions(LIMIT_BYTES, false, Duration.ofSeconds(1), "test"));
    }

    @AfterEach
    void stop() throws Exception {
        seen.addAll(fixture.client.drainQuietly(200));
        fixture.close();
        for (JsonRpcWireClient.Frame frame : seen) {
            int bytes = frame.body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(
                    bytes <= LIMIT_BYTES,
                    "a frame of " + bytes + " bytes: "
                            + frame.body()
                                    .substring(0, Math.min(200, frame.body().length())));
        }
    }

    private JsonRpcWireClient.Frame take(JsonRpcWireClient.Frame frame) {
        seen.add(frame);
        return frame;
    }

    @Test
    void inputErrorsShouldNotRepeatALargeInput() throws Exception {
        String value = "v".repeat(6000);
        String unknownProperty = "k".repeat(6000);
        JsonNode error = take(fixture.client.call(
                        2,
                        "runs/start",
                        "{\"tool\":\"brand.get_profile\",\"input\":{\"profile_id\":\"" + value + "\",\""
                                + unknownProperty + "\":1}}"))
                .json()
                .get("error");
        assertEquals(-31002, error.get("code").asInt(), error.toString());
        assertTrue(
                error.get("message").asString().length() < 1000,
                error.get("message").asString());
        assertFalse(error.toString().contains("k".repeat(400)), "the error repeats the input");
        String runId = error.get("data").get("runId").asString();
        JsonNode failed = take(fixture.client.notification(
                        "runs/updated", params -> params.get("id").asString().equals(runId)))
                .json()
                .get("params");
        assertEquals("failed", failed.get("status").asString());
        assertFalse(failed.has("input"));
    }

    @Test
    void aRunWhoseOutputDoesNotFitShouldBeNotifiedWithoutItAndItsAnswerShouldSayWhy() throws Exception {
        String big = "p".repeat(LIMIT_BYTES + 1000);
        fixture.storeProfile("x", BRAND.replace("\"Acme\"", "\"" + big + "\""));
        String runId = take(fixture.client.call(
                        2, "runs/start", "{\"tool\":\"brand.get_profile\",\"input\":{\"profile_id\":\"x\"}}"))
                .json()
                .get("result")
                .get("id")
                .asString();
        JsonNode done = take(fixture.client.notification(
                        "runs/updated",
                        params -> params.get("id").asString().equals(runId)
                                && params.get("status").asString().equals("succeeded")))
                .json()
                .get("params");
        assertFalse(done.has("output"));
        assertEquals("[\"output\"]", done.get("omitted").toString());

        JsonNode got = take(fixture.client.call(3, "runs/get", "{\"runId\":\"" + runId + "\"}"))
                .json()
                .get("result");
        assertEquals("succeeded", got.get("status").asString());
        assertEquals("[\"input\",\"output\",\"logs\"]", got.get("omitted").toString());

        JsonNode error = take(fixture.client.call(4, "runs/list", "{\"limit\":1}"))
                .json()
                .get("error");
        assertEquals(-32603, error.get("code").asInt(), error.toString());
        assertTrue(
                error.get("message").asString().contains("over the " + LIMIT_BYTES + "-byte frame limit"),
                error.toString());
        assertTrue(
                take(fixture.client.call(5, "runs/list", "{\"limit\":1,\"status\":\"failed\"}"))
                        .json()
                        .has("result"),
                "the server goes on serving");
    }
}
