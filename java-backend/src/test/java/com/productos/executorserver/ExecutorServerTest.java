package com.productos.executorserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorProtocol;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ExecutorServerTest {
    private static final String TOKEN = "test-token-0123456789abcdef";
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowInterrupted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch waitStarted = new CountDownLatch(1);
    private ExecutorServer server;

    /** A module whose handlers cover every outcome the server has to turn into an answer. */
    private ExecutorModule testModule() {
        Map<String, ExecutorHandler> routes = Map.of(
                "/execute/test/echo",
                        request -> {
                            request.log().info("echoing for " + request.actor());
                            request.log().artifact("input", "file:///tmp/input.json", "application/json");
                            return Json.object()
                                    .set("echo", request.input())
                                    .put("run_id", request.runId())
                                    .put("idempotency_key", request.idempotencyKey());
                        },
                "/execute/test/slow",
                        request -> {
                            slowStarted.countDown();
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                slowInterrupted.countDown();
                                Thread.currentThread().interrupt();
                            }
                            return Json.object();
                        },
                "/execute/test/wait",
                        request -> {
                            waitStarted.countDown();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Json.object().put("released", true);
                        },
                "/execute/test/pause",
                        request -> {
                            // Longer than the read idle timeout of the test that calls it.
                            try {
                                Thread.sleep(1_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Json.object().put("paused", true);
                        },
                "/execute/test/crash",
                        request -> {
                            throw new IllegalStateException("database password=hunter2 rejected");
                        },
                "/execute/test/conflict",
                        request -> {
                            throw ExecutorFailure.conflict("the profile changed meanwhile; read it again");
                        },
                "/execute/test/nothing", request -> null);
        return new ExecutorModule() {
            @Override
            public String executorName() {
                return "test";
            }

            @Override
            public Map<String, ExecutorHandler> routes() {
                return routes;
            }
        };
    }

    private ExecutorServer start(ExecutorServerSettings settings) throws Exception {
        server = ExecutorServer.newServer(settings, List.of(testModule())).start();
        return server;
    }

    private ExecutorServerSettings defaults() {
        return ExecutorServerSettings.loopback(InboundAuth.bearer(TOKEN));
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) server.stop();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) {
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = Json.parse(response.body()).path("error");
        assertTrue(error.path("code").isString(), response.body());
        assertTrue(error.path("message").isString(), response.body());
        return error;
    }

    @Nested
    class WhenStarted {
        @BeforeEach
        void startServer() throws Exception {
            start(defaults());
        }

        @Test
        void portZeroShouldBindAnEphemeralPort() {
            assertTrue(server.port() > 0);
            assertEquals("http://127.0.0.1:" + server.port(), server.uri().toString());
        }

        @Test
        void healthzShouldAnswerWithoutAuthAndNameTheExecutors() throws Exception {
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(server.uri().resolve("/healthz")).GET());
            assertEquals(200, response.statusCode());
            assertEquals(Json.parse("{\"status\":\"ok\",\"executors\":[\"test\"]}"), Json.parse(response.body()));
        }

        @Test
        void successShouldWrapOutputLogsAndArtifactsAndPassHeaders() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/echo", "{\"a\":1}")
                    .header(ExecutorProtocol.RUN_ID_HEADER, "run-1")
                    .header(ExecutorProtocol.ACTOR_HEADER, "supervisor")
                    .header(ExecutorProtocol.IDEMPOTENCY_KEY_HEADER, "key-1"));
            assertEquals(200, response.statusCode());
            JsonNode body = Json.parse(response.body());
            assertEquals(
                    Json.parse("{\"echo\":{\"a\":1},\"run_id\":\"run-1\",\"idempotency_key\":\"key-1\"}"),
                    body.get("output"));
            assertEquals(Json.parse("[{\"severity\":\"INFO\",\"text\":\"echoing for supervisor\"}]"), body.get("logs"));
            assertEquals(
                    Json.parse(
                            "[{\"name\":\"input\",\"uri\":\"file:///tmp/input.json\",\"media_type\":\"application/json\"}]"),
                    body.get("artifacts"));
        }

        @Test
        void missingTokenShouldGet401() throws Exception {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(server.uri().resolve("/execute/test/echo"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(401, response.statusCode());
            assertEquals("unauthorized", error(response).get("code").asString());
            assertEquals(
                    "Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer"})
        void wrongCredentialsShouldGet401AndNeverEchoTheToken(String authorization) throws Exception {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(server.uri().resolve("/execute/test/echo"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertEquals(401, response.statusCode());
            assertFalse(response.body().contains(TOKEN));
        }

        @Test
        void unknownPathShouldGet404ListingThePaths() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/nope", "{}"));
            assertEquals(404, response.statusCode());
            JsonNode error = error(response);
            assertEquals("not_found", error.get("code").asString());
            assertTrue(error.get("message").asString().contains("/execute/test/echo"));
        }

        @Test
        void getOnAToolPathShouldGet405() throws Exception {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(server.uri().resolve("/execute/test/echo"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .GET());
            assertEquals(405, response.statusCode());
            assertEquals("method_not_allowed", error(response).get("code").asString());
            assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
        }

        @Test
        void nonJsonContentTypeShouldGet415() throws Exception {
            HttpResponse<String> response =
                    send(post("/execute/test/echo", "{}").setHeader("Content-Type", "text/plain"));
            assertEquals(415, response.statusCode());
            assertEquals("unsupported_media_type", error(response).get("code").asString());
        }

        @Test
        void jsonWithCharsetShouldBeAccepted() throws Exception {
            HttpResponse<String> response =
                    send(post("/execute/test/echo", "{}").setHeader("Content-Type", "application/json; charset=utf-8"));
            assertEquals(200, response.statusCode());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{not json", "[1,2]", "\"text\"", "42", "", "{} trailing"})
        void badBodiesShouldGet400(String body) throws Exception {
            HttpResponse<String> response = send(post("/execute/test/echo", body));
            assertEquals(400, response.statusCode(), response.body());
            JsonNode error = error(response);
            assertEquals("invalid_json", error.get("code").asString());
        }

        @Test
        void crashingHandlerShouldGet500WithoutStackTraceOrMessage() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/crash", "{}"));
            assertEquals(500, response.statusCode());
            JsonNode error = error(response);
            assertEquals("internal", error.get("code").asString());
            assertTrue(error.get("message").asString().contains("IllegalStateException"));
            assertFalse(response.body().contains("hunter2"), response.body());
            assertFalse(response.body().contains("\tat ") || response.body().contains(".java:"), response.body());
        }

        @Test
        void handlerReturningNothingShouldGet500() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/nothing", "{}"));
            assertEquals(500, response.statusCode());
            assertEquals("internal", error(response).get("code").asString());
        }

        @Test
        void executorFailureShouldKeepItsStatusAndCode() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/conflict", "{}"));
            assertEquals(409, response.statusCode());
            JsonNode error = error(response);
            assertEquals("conflict", error.get("code").asString());
            assertEquals(
                    "the profile changed meanwhile; read it again",
                    error.get("message").asString());
        }

        @Test
        void bodyOverTheDefaultLimitShouldGet413() throws Exception {
            String big = "{\"x\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}";
            HttpResponse<String> response = send(post("/execute/test/echo", big));
            assertEquals(413, response.statusCode());
            assertEquals("payload_too_large", error(response).get("code").asString());
        }

        @Test
        void bodyJustUnderTheLimitShouldBeServed() throws Exception {
            String body = "{\"x\":\"" + "a".repeat(10 * 1024 * 1024 - 16) + "\"}";
            HttpResponse<String> response = send(post("/execute/test/echo", body));
            assertEquals(200, response.statusCode());
        }
    }

    @Test
    void chunkedBodyOverTheLimitShouldGet413() throws Exception {
        start(defaults().withMaxRequestBytes(1024));
        byte[] body = ("{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes();
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri().resolve("/execute/test/echo"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("payload_too_large", error(response).get("code").asString());
    }

    @Test
    void slowHandlerShouldGet504AndBeInterrupted() throws Exception {
        start(defaults().withRequestTimeout(Duration.ofMillis(300)));
        long started = System.nanoTime();
        HttpResponse<String> response = send(post("/execute/test/slow", "{}"));
        assertEquals(504, response.statusCode());
        assertEquals("timeout", error(response).get("code").asString());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertTrue(slowInterrupted.await(5, TimeUnit.SECONDS), "the handler thread should be interrupted");
    }

    @Test
    void fullWorkerPoolShouldAnswer503AndServeTheRestLater() throws Exception {
        start(defaults().withWorkers(1, 1));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(http.sendAsync(post("/execute/test/wait", "{}").build(), HttpResponse.BodyHandlers.ofString()));
        }
        // One runs, one waits in the queue, the third is refused at once.
        assertTrue(ExecutorTestSupport.eventually(
                Duration.ofSeconds(10), () -> calls.stream().anyMatch(CompletableFuture::isDone)));
        HttpResponse<String> refused = calls.stream()
                .filter(CompletableFuture::isDone)
                .findFirst()
                .orElseThrow()
                .get();
        assertEquals(503, refused.statusCode());
        assertEquals("unavailable", error(refused).get("code").asString());
        release.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls)
            statuses.add(call.get(10, TimeUnit.SECONDS).statusCode());
        statuses.sort(Integer::compare);
        assertEquals(List.of(200, 200, 503), statuses);
    }

    @Test
    void noAuthSettingShouldServeWithoutAToken() throws Exception {
        start(ExecutorServerSettings.loopback(InboundAuth.none()));
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri().resolve("/execute/test/echo"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"b\":2}")));
        assertEquals(200, response.statusCode());
    }

    @Test
    void twoModulesOnOnePathShouldBeRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExecutorServer.newServer(defaults(), List.of(testModule(), testModule())));
        assertTrue(e.getMessage().contains("served by both"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void stopShouldFinishRequestsInFlightAndThenRefuseConnections() throws Exception {
        start(defaults());
        CompletableFuture<HttpResponse<String>> inFlight =
                http.sendAsync(post("/execute/test/wait", "{}").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(waitStarted.await(5, TimeUnit.SECONDS));
        URI uri = server.uri();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        // While the request in flight finishes, new ones are turned away with the JSON envelope.
        HttpResponse<String>[] refused = new HttpResponse[1];
        assertTrue(ExecutorTestSupport.eventually(Duration.ofSeconds(5), () -> {
            try {
                refused[0] = send(post("/execute/test/echo", "{}"));
                return refused[0].statusCode() == 503;
            } catch (Exception e) {
                return false;
            }
        }));
        assertEquals("unavailable", error(refused[0]).get("code").asString());
        release.countDown();
        assertEquals(200, inFlight.get(10, TimeUnit.SECONDS).statusCode());
        stopping.get(10, TimeUnit.SECONDS);
        assertThrows(
                java.io.IOException.class,
                () -> http.send(
                        HttpRequest.newBuilder(uri.resolve("/healthz")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
        server = null;
    }

    @Test
    void malformedRequestLineShouldGetAJsonError() throws Exception {
        start(defaults());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write("BROKEN\r\n\r\n".getBytes());
            String answer = new String(socket.getInputStream().readAllBytes());
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("{\"error\":{\"code\":\"bad_request\""), answer);
        }
    }

    @Nested
    class SlowClients {
        private static final Duration READ_IDLE = Duration.ofMillis(300);

        @BeforeEach
        void startServer() throws Exception {
            start(defaults().withReadIdleTimeout(READ_IDLE));
        }

        private String exchange(String head) throws Exception {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                // Far past the read idle timeout: a connection still open then makes readAllBytes throw.
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        @Test
        void declaredBodyThatNeverArrivesShouldGet408AndACloseAndTheServerKeepsServing() throws Exception {
            String answer = exchange("POST /execute/test/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"request_timeout\""), answer);
            HttpResponse<String> health = send(
                    HttpRequest.newBuilder(server.uri().resolve("/healthz")).GET());
            assertEquals(200, health.statusCode());
            assertEquals(200, send(post("/execute/test/echo", "{}")).statusCode());
        }

        @Test
        void headersThatStopHalfwayShouldBeClosedWithinTheTimeout() throws Exception {
            String answer = exchange("POST /execute/test/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
            assertEquals(
                    200,
                    send(HttpRequest.newBuilder(server.uri().resolve("/healthz"))
                                    .GET())
                            .statusCode());
        }

        @Test
        void headersOverTheLimitShouldGet431() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/echo", "{}")
                    .header("X-Padding", "a".repeat(ExecutorServerSettings.MAX_REQUEST_HEADER_BYTES)));
            assertEquals(431, response.statusCode());
        }

        @Test
        void handlerRunningPastTheReadIdleTimeoutShouldStillBeAnswered() throws Exception {
            HttpResponse<String> response = send(post("/execute/test/pause", "{}"));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(200, send(post("/execute/test/pause", "{}")).statusCode(), "same connection, kept alive");
        }
    }
}
