package com.productos.rpc;

import static com.productos.testing.JsonRpcWireClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.runs.RunStatus;
import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class RpcRunsTest {
    static final String PROFILE_INPUT = "{\"profile_id\":\"default\"}";
    static final String BRAND = "{\"name\":\"Acme\",\"voice\":{\"tone\":[],"
            + "\"style_notes\":[],\"do\":[],\"dont\":[]},\"audience\":{},\"claims_policy\":{}}";
    static final String PROFILE_OUTPUT = "{\"profile_id\":\"default\",\"brand\":" + BRAND + "}";
    static final String T = RpcFixture.NOW.toString();

    @TempDir
    Path folder;

    private RpcFixture fixture;
    private JsonRpcWireClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new RpcFixture(folder);
        client = fixture.client;
        fixture.storeProfile("default", BRAND);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    static String runIdOf(JsonRpcWireClient.Frame frame) {
        return frame.json().get("result").get("id").asString();
    }

    static String hash(String json) {
        return Json.canonicalHash(Json.parse(json));
    }

    /** The next runs/* notification about this run, in the order the server sent them. */
    JsonRpcWireClient.Frame nextAbout(String runId) throws Exception {
        return client.next(f -> (f.isNotification("runs/updated")
                        && runId.equals(f.json().get("params").path("id").asString()))
                || (f.isNotification("runs/log")
                        && runId.equals(f.json().get("params").path("runId").asString())));
    }

    @Test
    void listToolsShouldAnswerEveryToolWithSchemas() throws Exception {
        StringBuilder tools = new StringBuilder();
        RpcFixture.REGISTRY.tools().forEach(tool -> {
            if (tools.length() > 0) tools.append(',');
            tools.append("{\"name\":")
                    .append(Json.write(tool.name()))
                    .append(",\"description\":")
                    .append(Json.write(tool.description()))
                    .append(",\"risk\":\"")
                    .append(tool.risk().wireName())
                    .append("\",\"executor\":\"")
                    .append(tool.executor().executorName())
                    .append("\",\"inputSchema\":")
                    .append(Json.write(tool.inputSchema().source()))
                    .append(",\"outputSchema\":")
                    .append(Json.write(tool.outputSchema().source()))
                    .append('}');
        });
        JsonRpcWireClient.Frame answer = client.call(7, "registry/listTools", null);
        assertEquals(frame("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"tools\":[" + tools + "]}}"), answer.raw());
        assertTrue(answer.json().get("result").get("tools").size() >= 10);
    }

    @Test
    void startShouldAnswerAtOnceThenReportProgressInOrderWithoutRepeatingTheInput() throws Exception {
        List<JsonRpcWireClient.Frame> wire = startAndReadInWireOrder(
                2, "{\"tool\":\"brand.get_profile\",\"input\":" + PROFILE_INPUT + ",\"sessionId\":\"s-1\"}");
        JsonRpcWireClient.Frame started =
                wire.stream().filter(f -> f.isResponseTo(2)).findFirst().orElseThrow();
        String id = runIdOf(started);
        String common = "\"id\":\"" + id + "\",\"tool\":\"brand.get_profile\",\"actor\":\"user\",";
        String hashed = "\"inputHash\":\"" + hash(PROFILE_INPUT) + "\",";
        List<String> progress = wire.stream()
                .filter(f -> !f.isResponseTo(2))
                .map(JsonRpcWireClient.Frame::raw)
                .toList();
        assertEquals(
                List.of(
                        frame(
                                "{\"jsonrpc\":\"2.0\",\"method\":\"runs/log\",\"params\":{\"runId\":\"" + id
                                        + "\",\"sequence\":1," + "\"time\":\"" + T
                                        + "\",\"severity\":\"INFO\",\"text\":\"policy: default for low risk and actor user: allow\"}}"),
                        frame("{\"jsonrpc\":\"2.0\",\"method\":\"runs/updated\",\"params\":{" + common
                                + "\"status\":\"queued\"," + hashed + "\"sessionId\":\"s-1\",\"createdAt\":\"" + T
                                + "\",\"updatedAt\":\"" + T + "\",\"artifacts\":[]}}"),
                        frame("{\"jsonrpc\":\"2.0\",\"method\":\"runs/updated\",\"params\":{" + common
                                + "\"status\":\"running\"," + hashed
                                + "\"sessionId\":\"s-1\",\"createdAt\":\"" + T + "\",\"startedAt\":\"" + T
                                + "\",\"updatedAt\":\"" + T
                                + "\",\"artifacts\":[]}}"),
                        frame("{\"jsonrpc\":\"2.0\",\"method\":\"runs/updated\",\"params\":{" + common
                                + "\"status\":\"succeeded\","
                                + hashed + "\"output\":" + PROFILE_OUTPUT + ",\"sessionId\":\"s-1\",\"createdAt\":\""
                                + T
                                + "\",\"startedAt\":\"" + T + "\",\"finishedAt\":\"" + T + "\",\"updatedAt\":\"" + T
                                + "\",\"artifacts\":[]}}")),
                progress);
        assertFalse(
                started.json().get("result").has("input"), "the answer does not send the input back: " + started.raw());
        assertEquals(
                lastUpdateBefore(wire, started),
                started.json().get("result"),
                "the answer is the run as last notified before it");
    }

    @Test
    void startAnswerShouldNeverBeOlderThanANotificationSentBeforeIt() throws Exception {
        for (int i = 0; i < 40; i++) {
            long requestId = 100 + i;
            List<JsonRpcWireClient.Frame> wire = startAndReadInWireOrder(
                    requestId, "{\"tool\":\"brand.get_profile\",\"input\":" + PROFILE_INPUT + "}");
            JsonRpcWireClient.Frame answer = wire.stream()
                    .filter(f -> f.isResponseTo(requestId))
                    .findFirst()
                    .orElseThrow();
            JsonNode before = lastUpdateBefore(wire, answer);
            assertNotNull(before, "queued and running are notified before start returns");
            assertEquals(before, answer.json().get("result"), "call " + i + ": " + wire);
        }
    }

    /** Sends runs/start and returns every frame about it, in the order the server wrote them, up to its end. */
    private List<JsonRpcWireClient.Frame> startAndReadInWireOrder(long requestId, String params) throws Exception {
        client.send(
                "{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"method\":\"runs/start\",\"params\":" + params + "}");
        List<JsonRpcWireClient.Frame> wire = new ArrayList<>();
        boolean answered = false;
        boolean ended = false;
        while (!answered || !ended) {
            JsonRpcWireClient.Frame frame = client.next(f -> true);
            wire.add(frame);
            if (frame.isResponseTo(requestId)) answered = true;
            if (frame.isNotification("runs/updated")
                    && frame.json().get("params").get("status").asString().equals("succeeded")) {
                ended = true;
            }
        }
        return wire;
    }

    private static JsonNode lastUpdateBefore(List<JsonRpcWireClient.Frame> wire, JsonRpcWireClient.Frame answer) {
        JsonNode last = null;
        for (JsonRpcWireClient.Frame frame : wire) {
            if (frame == answer) return last;
            if (frame.isNotification("runs/updated")) last = frame.json().get("params");
        }
        throw new AssertionError("no answer on the wire");
    }

    @Test
    void getShouldAnswerTheRunWithItsLogs() throws Exception {
        String id = runIdOf(
                client.call(2, "runs/start", "{\"tool\":\"brand.get_profile\",\"input\":" + PROFILE_INPUT + "}"));
        client.notification(
                "runs/updated",
                params -> params.get("id").asString().equals(id)
                        && params.get("status").asString().equals("succeeded"));
        JsonNode run =
                client.call(3, "runs/get", "{\"runId\":\"" + id + "\"}").json().get("result");
        assertEquals("succeeded", run.get("status").asString());
        assertEquals(Json.parse(PROFILE_OUTPUT), run.get("output"));
        assertEquals(
                Json.parse("[{\"runId\":\"" + id + "\",\"sequence\":1,\"time\":\"" + T + "\",\"severity\":\"INFO\","
                        + "\"text\":\"policy: default for low risk and actor user: allow\"}]"),
                run.get("logs"));
    }

    @Test
    void getOfAnUnknownRunShouldBeRunNotFound() throws Exception {
        assertEquals(
                frame(
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-31005,\"message\":\"no run has id 'run_nope'; "
                                + "list runs with runs/list\"}}"),
                client.call(3, "runs/get", "{\"runId\":\"run_nope\"}").raw());
    }

    @Nested
    class Listing {
        private final List<String> ids = new ArrayList<>();

        @BeforeEach
        void threeRuns() throws Exception {
            for (int i = 0; i < 3; i++) {
                String id = runIdOf(client.call(
                        10 + i,
                        "runs/start",
                        "{\"tool\":\"brand.get_profile\",\"input\":" + PROFILE_INPUT + ",\"actor\":\""
                                + (i == 2 ? "mcp" : "user") + "\"}"));
                client.notification(
                        "runs/updated",
                        params -> params.get("id").asString().equals(id)
                                && RunStatus.parse(params.get("status").asString())
                                        .orElseThrow()
                                        .isTerminal());
                ids.add(0, id); // newest first
            }
        }

        @Test
        void listShouldPageNewestFirstWithACursor() throws Exception {
            JsonNode first =
                    client.call(20, "runs/list", "{\"limit\":2}").json().get("result");
            assertEquals(List.of(ids.get(0), ids.get(1)), idsOf(first));
            assertTrue(first.get("nextCursor").isString());
            JsonNode second = client.call(21, "runs/list", "{\"limit\":2,\"cursor\":" + first.get("nextCursor") + "}")
                    .json()
                    .get("result");
            assertEquals(List.of(ids.get(2)), idsOf(second));
            assertFalse(second.has("nextCursor"), "the last page has no cursor");
            assertFalse(second.get("runs").get(0).has("logs"), "lists carry no log lines");
        }

        @Test
        void listShouldFilter() throws Exception {
            assertEquals(
                    List.of(ids.get(0)),
                    idsOf(client.call(22, "runs/list", "{\"actor\":\"mcp\"}")
                            .json()
                            .get("result")));
            assertEquals(
                    ids,
                    idsOf(client.call(23, "runs/list", "{\"status\":\"succeeded\",\"tool\":\"brand.get_profile\"}")
                            .json()
                            .get("result")));
            assertEquals(
                    List.of(),
                    idsOf(client.call(24, "runs/list", "{\"status\":\"running\"}")
                            .json()
                            .get("result")));
            assertEquals(ids, idsOf(client.call(25, "runs/list", null).json().get("result")));
        }

        private List<String> idsOf(JsonNode page) {
            List<String> found = new ArrayList<>();
            page.get("runs").forEach(run -> found.add(run.get("id").asString()));
            return found;
        }
    }

    @Test
    void cancelShouldEndARunningRunAndRefuseASecondCancel() throws Exception {
        fixture.serveBrand(new BrandGetProfileModule(RpcFixture.REGISTRY, fixture.hangingUntilTheTestEnds()));
        String id = runIdOf(
                client.call(2, "runs/start", "{\"tool\":\"brand.get_profile\",\"input\":" + PROFILE_INPUT + "}"));
        client.notification(
                "runs/updated",
                params -> params.get("id").asString().equals(id)
                        && params.get("status").asString().equals("running"));
        JsonNode cancelled = client.call(3, "runs/cancel", "{\"runId\":\"" + id + "\"}")
                .json()
                .get("result");
        assertEquals("cancelled", cancelled.get("status").asString());
        assertEquals("RequestCancelled", cancelled.get("error").get("code").asString());
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-31012,\"message\":\"run " + id
                        + " already ended as cancelled\",\"data\":{\"runId\":\"" + id + "\"}}}"),
                client.call(4, "runs/cancel", "{\"runId\":\"" + id + "\"}").raw());
        assertEquals(
                "cancelled",
                client.call(5, "runs/get", "{\"runId\":\"" + id + "\"}")
                        .json()
                        .get("result")
                        .get("status")
                        .asString());
    }

    @Test
    void repeatedIdempotencyKeyShouldReturnTheFirstRunAndADifferentInputShouldConflict() throws Exception {
        String patch = "{\"profile_id\":\"default\",\"patch\":{\"name\":\"Acme\"}}";
        String first = runIdOf(client.call(
                2,
                "runs/start",
                "{\"tool\":\"brand.update_profile\",\"input\":" + patch + ",\"idempotencyKey\":\"k-1\"}"));
        client.notification(
                "runs/updated",
                params -> params.get("id").asString().equals(first)
                        && params.get("status").asString().equals("succeeded"));
        assertEquals(
                first,
                runIdOf(client.call(
                        3,
                        "runs/start",
                        "{\"tool\":\"brand.update_profile\",\"input\":" + patch + ",\"idempotencyKey\":\"k-1\"}")));
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-31013,\"message\":\"idempotency key 'k-1' "
                        + "was already used by run " + first
                        + " with a different input; use a new key for a new call\","
                        + "\"data\":{\"runId\":\"" + first + "\"}}}"),
                client.call(
                                4,
                                "runs/start",
                                "{\"tool\":\"brand.update_profile\",\"input\":{\"profile_id\":\"other\","
                                        + "\"patch\":{}},\"idempotencyKey\":\"k-1\"}")
                        .raw());
    }
}
