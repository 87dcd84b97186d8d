package com.productos.rpc;

import static com.productos.testing.JsonRpcWireClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.json.Json;
import com.productos.testing.JsonRpcWireClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Every kind of bad input gets a specific code and message, and the server goes on serving. */
class RpcBadInputTest {
    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"registry/listTools\"}";

    @TempDir
    Path folder;

    private RpcFixture fixture;
    private JsonRpcWireClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new RpcFixture(folder, Set.of("logs.tail"), Duration.ofSeconds(2), RpcFixture.testOptions());
        client = fixture.client;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** The server still answers a good request after the bad one. */
    private void assertStillServing() throws Exception {
        client.send(PING);
        assertTrue(client.response(99).json().get("result").get("tools").size() >= 10);
    }

    private static String error(String id, int code, String message) {
        return frame("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":\"" + message
                + "\"}}");
    }

    private JsonRpcWireClient.Frame nullIdError() throws Exception {
        return client.next(f -> f.json().has("error") && f.json().get("id").isNull());
    }

    @Nested
    class Frames {
        @Test
        void contentLengthThatIsNotANumberShouldBeReportedOnceAndTheNextFrameServed() throws Exception {
            client.sendBytes(
                    ("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"registry/listTools\"}")
                            .getBytes(StandardCharsets.US_ASCII));
            assertEquals(
                    error(
                            "null",
                            -32600,
                            "broken frame header: Content-Length 'abc' is not a byte count; every "
                                    + "message needs a 'Content-Length: <bytes>' header and an empty line before its JSON body. The "
                                    + "server skips input up to the next Content-Length header"),
                    nullIdError().raw());
            assertStillServing();
        }

        @Test
        void missingContentLengthShouldBeReportedAndTheNextFrameServed() throws Exception {
            client.sendBytes("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"id\":1}\n\n{}\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(nullIdError().raw().contains("broken frame header: no Content-Length header;"));
            assertStillServing();
        }

        @Test
        void contentLengthShorterThanTheBodyShouldBeAParseErrorAndTheNextFrameServed() throws Exception {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"registry/listTools\"}";
            client.sendBytes(("Content-Length: 20\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            JsonRpcWireClient.Frame answer = client.next(f -> f.json().has("error"));
            assertEquals(-32700, answer.json().get("error").get("code").asInt(), answer.body());
            assertStillServing();
        }

        @Test
        void invalidJsonShouldBeAParseErrorAndTheServerShouldGoOn() throws Exception {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
            assertEquals(
                    error(
                            "1",
                            -32700,
                            "the message is not valid JSON: End of input at line 1 column 34 path $.method; "
                                    + "every frame must hold one JSON-RPC 2.0 object"),
                    client.next(f -> f.json().has("error")).raw());
            client.send("this is not json");
            assertEquals(
                    error(
                            "null",
                            -32700,
                            "the message is not valid JSON; every frame must hold one JSON-RPC 2.0 object"),
                    nullIdError().raw());
            client.send("{\"jsonrpc\":\"2.0,\"id\":2}");
            assertEquals(
                    error(
                            "null",
                            -32700,
                            "the message is not valid JSON: Unterminated object at line 1 column 19 path "
                                    + "$.jsonrpc; every frame must hold one JSON-RPC 2.0 object"),
                    nullIdError().raw());
            assertStillServing();
        }

        @Test
        void jsonThatIsNotARequestShouldBeInvalidRequest() throws Exception {
            client.send("[1,2]");
            assertEquals(
                    error(
                            "null",
                            -32600,
                            "the message is JSON but not a JSON-RPC 2.0 request or notification object "
                                    + "(one object with \\\"jsonrpc\\\", \\\"method\\\" and, for a request, \\\"id\\\"; batches are not "
                                    + "supported)"),
                    nullIdError().raw());
            assertStillServing();
        }

        @Test
        void frameAnnouncingMoreThanTwoGigabytesShouldCloseTheConnectionCleanly() throws Exception {
            client.sendBytes("Content-Length: 99999999999\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
            assertEquals(
                    error(
                            "null",
                            -32600,
                            "a frame announces 99999999999 bytes; the stream is taken as corrupted "
                                    + "and the server stops reading"),
                    nullIdError().raw());
            fixture.server.listening().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(fixture.server.listening().isDone());
        }

        @Test
        void inputEndingInsideABodyShouldCompleteTheListeningFuture() throws Exception {
            client.sendBytes("Content-Length: 100\r\n\r\n{\"jsonrpc\"".getBytes(StandardCharsets.US_ASCII));
            client.closeInput();
            fixture.server.listening().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(fixture.server.listening().isDone());
        }

        @Test
        void tenMegabytePayloadShouldBeRefusedWithItsIdAndTheServerShouldGoOn() throws Exception {
            char[] filler = new char[10 * 1024 * 1024];
            Arrays.fill(filler, 'x');
            String body =
                    "{\"jsonrpc\":\"2.0\",\"method\":\"runs/start\",\"id\":5,\"params\":{\"tool\":\"brand.get_profile\","
                            + "\"input\":{\"profile_id\":\"" + new String(filler) + "\"}}}";
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            client.send(body);
            assertEquals(
                    error(
                            "5",
                            -32600,
                            "the message is " + size + " bytes, over this server's limit of 8388608 bytes; "
                                    + "pass large data by reference (a file path or URL in the tool input)"),
                    client.response(5).raw());
            assertStillServing();
            assertEquals(
                    0,
                    client.call(6, "runs/list", null)
                            .json()
                            .get("result")
                            .get("runs")
                            .size(),
                    "no run was made");
        }
    }

    /** JSON-RPC allows any number or string as an id; lsp4j reads only strings and 32-bit integers. */
    @Nested
    class RequestIds {
        @ParameterizedTest(name = "id {0}")
        @CsvSource(
                delimiter = '|',
                value = {"1.5", "2147483648", "1e30", "-9223372036854775809", "true", "{}", "[1]"})
        void idThatLsp4jCannotHoldShouldBeInvalidRequestEchoingTheIdAndTheServerShouldGoOn(String id) throws Exception {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"registry/listTools\"}");
            JsonRpcWireClient.Frame answer = client.next(f -> f.json().has("error"));
            assertEquals(-32600, answer.json().get("error").get("code").asInt());
            assertTrue(answer.json().get("error").get("message").asString().contains("request id"), answer.raw());
            boolean number = !id.startsWith("{") && !id.startsWith("[") && !id.equals("true");
            assertTrue(answer.raw().contains("\"id\":" + (number ? id : "null") + ","), answer.raw());
            assertStillServing();
        }

        @ParameterizedTest(name = "id {0}")
        @CsvSource(
                delimiter = '|',
                value = {"7", "0", "-3", "2147483647", "\"run-7\"", "\"\""})
        void idThatFitsShouldBeAnsweredWithTheSameId(String id) throws Exception {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"registry/listTools\"}");
            JsonRpcWireClient.Frame answer = client.next(f -> f.json().has("result"));
            assertEquals(id, answer.json().get("id").toString());
            assertStillServing();
        }

        @Test
        void nullIdShouldNotStopTheServer() throws Exception {
            client.send("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"registry/listTools\"}");
            assertStillServing();
        }
    }

    @Nested
    class Requests {
        @Test
        void unknownMethodShouldBeMethodNotFound() throws Exception {
            assertEquals(
                    error(
                            "3",
                            -32601,
                            "no method 'runs/explode'; the initialize result lists the methods this server "
                                    + "answers"),
                    client.call(3, "runs/explode", "{}").raw());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "runs/list | {\"limit\":\"ten\"} | params.limit: not a number: \"ten\"",
                    "runs/get | {\"runId\":{\"a\":1}} | params.runId: expected a string but was an object",
                    "runs/start | \"brand.get_profile\" | params:",
                    "approvals/list | {\"limit\":[1]} | params.limit:"
                })
        void wrongParamTypesShouldBeInvalidParamsNamingTheField(String method, String params, String start)
                throws Exception {
            JsonNode error = client.call(4, method, params).json().get("error");
            assertEquals(-32602, error.get("code").asInt(), error.toString());
            assertTrue(error.get("message").asString().startsWith(start), error.toString());
            assertTrue(!error.has("data"), "no Java exception travels to the client: " + error);
            assertStillServing();
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "runs/list | {\"limit\":0} | params.limit must be between 1 and 500, was 0",
                    "runs/list | {\"status\":\"done\"} | params.status 'done' is not one of [queued, awaiting_approval, running, succeeded, failed, cancelled, denied, interrupted]",
                    "runs/list | {\"cursor\":\"zz\"} | cursor 'zz' is not one this store gave out",
                    "runs/get | {} | params.runId is required (a non-empty string)",
                    "runs/get | | params are required: {runId}",
                    "runs/start | {\"tool\":\"brand.get_profile\",\"actor\":\"supervisor\"} | params.actor 'supervisor' is reserved for the in-process supervisor; a client calls as one of [user, mcp]",
                    "runs/start | {\"tool\":\"brand.get_profile\",\"actor\":\"robot\"} | params.actor 'robot' is not one of [user, mcp]",
                    "approvals/decide | {\"approvalId\":\"apr_1\",\"decision\":\"maybe\"} | params.decision 'maybe' is not one of [approve, deny]",
                    "initialize | {\"processId\":-4} | params.processId must be a positive process id, was -4"
                })
        void badParamValuesShouldBeInvalidParamsSayingWhatIsWrong(String method, String params, String message)
                throws Exception {
            assertEquals(
                    error("4", -32602, message.replace("\"", "\\\"")),
                    client.call(4, method, params).raw());
        }

        @Test
        void unknownToolShouldBeToolNotFound() throws Exception {
            assertEquals(
                    error("5", -31001, "no tool named 'brand.get_profiles'; list the tools with registry/listTools"),
                    client.call(5, "runs/start", "{\"tool\":\"brand.get_profiles\",\"input\":{}}")
                            .raw());
        }

        @Test
        void inputBreakingTheSchemaShouldBeInvalidInputWithPointersAndARecordedRun() throws Exception {
            JsonNode error = client.call(
                            5,
                            "runs/start",
                            "{\"tool\":\"logs.tail\",\"input\":{\"scope\":\"galaxy\"," + "\"limit\":0,\"extra\":true}}")
                    .json()
                    .get("error");
            assertEquals(-31002, error.get("code").asInt());
            assertTrue(
                    error.get("message").asString().startsWith("the input of logs.tail does not match its schema: "),
                    error.toString());
            List<String> pointers = new ArrayList<>();
            error.get("data")
                    .get("errors")
                    .forEach(e -> pointers.add(e.get("pointer").asString()));
            assertTrue(pointers.containsAll(List.of("/scope", "/limit")), pointers.toString());
            JsonNode run = client.call(
                            6,
                            "runs/get",
                            "{\"runId\":\"" + error.get("data").get("runId").asString() + "\"}")
                    .json()
                    .get("result");
            assertEquals("failed", run.get("status").asString());
            assertEquals("InvalidInput", run.get("error").get("code").asString());
        }
    }

    @Nested
    class Executors {
        @Test
        void executorDownShouldFailTheRunAsExecutorUnavailable() throws Exception {
            JsonNode run = settled(client.call(
                            7,
                            "runs/start",
                            "{\"tool\":\"logs.tail\",\"input\":{\"scope\":\"service\","
                                    + "\"service_name\":\"web\",\"limit\":10}}")
                    .json()
                    .get("result")
                    .get("id")
                    .asString());
            assertFailedWith(run, "ExecutorUnavailable", -31006);
        }

        @Test
        void slowExecutorShouldFailTheRunAsExecutorTimeout() throws Exception {
            fixture.serveBrand(new BrandGetProfileModule(RpcFixture.REGISTRY, fixture.hangingUntilTheTestEnds()));
            assertFailedWith(startProfile(), "ExecutorTimeout", -31007);
        }

        @Test
        void executorUrlOfAServerWithoutTheToolShouldFailTheRunAsExecutorError() throws Exception {
            // The brand URL set to another executor's server: it answers 404 for the brand path.
            fixture.serveBrand(new ExecutorModule() {
                @Override
                public String executorName() {
                    return "observability";
                }

                @Override
                public Map<String, ExecutorHandler> routes() {
                    return Map.of();
                }
            });
            JsonNode run = startProfile();
            assertFailedWith(run, "ExecutorError", -31009);
            assertTrue(run.get("error").get("message").asString().contains("HTTP 404 not_found"), run.toString());
        }

        @Test
        void executorCrashShouldFailTheRunAsExecutorError() throws Exception {
            fixture.serveBrand(new BrandGetProfileModule(RpcFixture.REGISTRY, request -> {
                throw new IllegalStateException("the profile store went away");
            }));
            JsonNode run = startProfile();
            assertFailedWith(run, "ExecutorError", -31009);
            assertTrue(run.get("error").get("message").asString().contains("HTTP 500 internal"), run.toString());
        }

        @Test
        void outputBreakingTheSchemaShouldFailTheRunAsOutputContractViolation() throws Exception {
            fixture.serveBrand(new BrandGetProfileModule(
                    RpcFixture.REGISTRY, request -> Json.object().put("profile_id", 7)));
            assertFailedWith(startProfile(), "OutputContractViolation", -31010);
        }

        private JsonNode startProfile() throws Exception {
            return settled(client.call(
                            7, "runs/start", "{\"tool\":\"brand.get_profile\",\"input\":{\"profile_id\":\"default\"}}")
                    .json()
                    .get("result")
                    .get("id")
                    .asString());
        }

        private JsonNode settled(String runId) throws Exception {
            return client.notification(
                            "runs/updated",
                            params -> params.get("id").asString().equals(runId)
                                    && params.get("status").asString().equals("failed"))
                    .json()
                    .get("params");
        }

        private void assertFailedWith(JsonNode run, String code, int numericCode) throws Exception {
            assertEquals(code, run.get("error").get("code").asString(), run.toString());
            assertEquals(numericCode, run.get("error").get("numericCode").asInt());
            JsonNode stored = client.call(
                            8, "runs/get", "{\"runId\":\"" + run.get("id").asString() + "\"}")
                    .json()
                    .get("result");
            assertEquals("failed", stored.get("status").asString());
            assertEquals(code, stored.get("error").get("code").asString());
            assertEquals(
                    0,
                    client.call(9, "runs/list", "{\"status\":\"running\"}")
                            .json()
                            .get("result")
                            .get("runs")
                            .size(),
                    "no run is left running");
        }
    }
}
