package com.productos.executorclient;

import static com.productos.executors.ExecutorTestSupport.bearer;
import static com.productos.executors.ExecutorTestSupport.run;
import static com.productos.executors.ExecutorTestSupport.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.config.ProductOsConfig;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorResult;
import com.productos.executors.ExecutorTestSupport;
import com.productos.executors.ScriptedExecutor;
import com.productos.executors.ScriptedExecutor.Answer;
import com.productos.json.Json;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutorHttpClientTest {
    private static final String TOKEN = "client-test-token-5f2a9c";
    private static final String OK =
            "{\"output\":{\"profile_id\":\"default\",\"brand\":{}},\"logs\":[{\"severity\":\"INFO\",\"text\":\"read\"}],"
                    + "\"artifacts\":[{\"name\":\"a\",\"uri\":\"file:///a\",\"media_type\":\"text/plain\"}]}";
    private static final String UNAVAILABLE = "{\"error\":{\"code\":\"unavailable\",\"message\":\"backend down\"}}";
    private static final ToolDefinition LOW_RISK = tool("brand.get_profile");
    private static final ToolDefinition MEDIUM_RISK = tool("brand.update_profile");
    private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
    private ScriptedExecutor executor;
    private ExecutorHttpClient client;

    @AfterEach
    void stop() {
        if (executor != null) executor.close();
        if (client != null) client.close();
    }

    private ExecutorHttpClient clientFor(URI uri, Duration callTimeout) {
        client = new ExecutorHttpClient(
                name -> bearer(name, uri, TOKEN),
                Duration.ofSeconds(2),
                callTimeout,
                QUICK_RETRIES,
                new GoogleIdTokens(ProductOsConfig.empty()));
        return client;
    }

    private ExecutorHttpClient clientFor(ScriptedExecutor scripted) {
        return clientFor(scripted.uri(), Duration.ofSeconds(20));
    }

    private static Run lowRiskRun() {
        return run("brand.get_profile", "{\"profile_id\":\"default\"}");
    }

    private static Run mediumRiskRun(String idempotencyKey) {
        return run("brand.update_profile", Json.parse("{\"profile_id\":\"default\",\"patch\":{}}"), idempotencyKey);
    }

    private static ExecutorCallException failure(ExecutorHttpClient client, ToolDefinition tool, Run run) {
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> client.invoke(tool, run).get(30, TimeUnit.SECONDS));
        return assertInstanceOf(ExecutorCallException.class, e.getCause());
    }

    @Nested
    class Success {
        @Test
        void shouldPostToBaseUrlPlusToolPathWithProtocolHeaders() throws Exception {
            executor = new ScriptedExecutor(Answer.json(200, OK));
            Run run = mediumRiskRun("key-42");
            ExecutorResult result = clientFor(executor).invoke(MEDIUM_RISK, run).get(10, TimeUnit.SECONDS);
            assertEquals(Json.parse("{\"profile_id\":\"default\",\"brand\":{}}"), result.output());
            assertEquals("read", result.logs().get(0).text());
            assertEquals("file:///a", result.artifacts().get(0).uri());
            ScriptedExecutor.Received received = executor.received().get(0);
            assertEquals("/execute/brand/update_profile", received.path());
            assertEquals("Bearer " + TOKEN, received.authorization());
            assertEquals(run.id(), received.runId());
            assertEquals("user", received.actor());
            assertEquals("key-42", received.idempotencyKey());
            assertEquals(run.input(), Json.parse(received.body()));
        }

        @Test
        void noIdempotencyKeyShouldSendNoHeader() throws Exception {
            executor = new ScriptedExecutor(Answer.json(200, OK));
            clientFor(executor).invoke(LOW_RISK, lowRiskRun()).get(10, TimeUnit.SECONDS);
            assertNull(executor.received().get(0).idempotencyKey());
        }

        @Test
        void authNoneShouldSendNoAuthorization() throws Exception {
            executor = new ScriptedExecutor(Answer.json(200, OK));
            URI uri = executor.uri();
            client = new ExecutorHttpClient(
                    name -> new ExecutorEndpoint(name, uri, ExecutorAuth.NONE, null),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    QUICK_RETRIES,
                    new GoogleIdTokens(ProductOsConfig.empty()));
            client.invoke(LOW_RISK, lowRiskRun()).get(10, TimeUnit.SECONDS);
            assertNull(executor.received().get(0).authorization());
        }
    }

    @Nested
    class Retries {
        @Test
        void lowRiskCallShouldBeRetriedOn503UntilTheLimit() throws Exception {
            executor = new ScriptedExecutor(Answer.json(503, UNAVAILABLE));
            ExecutorCallException e = failure(clientFor(executor), LOW_RISK, lowRiskRun());
            assertEquals(3, executor.received().size());
            assertEquals(ErrorCode.ExecutorUnavailable, e.code());
            assertEquals(503, e.details().get("http_status").asInt());
            assertEquals("backend down", e.details().get("message").asString());
        }

        @Test
        void lowRiskCallShouldSucceedWhenARetryDoes() throws Exception {
            executor = new ScriptedExecutor(
                    Answer.json(503, UNAVAILABLE), Answer.json(502, UNAVAILABLE), Answer.json(200, OK));
            ExecutorResult result =
                    clientFor(executor).invoke(LOW_RISK, lowRiskRun()).get(10, TimeUnit.SECONDS);
            assertEquals("default", result.output().get("profile_id").asString());
            assertEquals(3, executor.received().size());
            // Every attempt belongs to the same run.
            assertEquals(
                    1,
                    executor.received().stream()
                            .map(ScriptedExecutor.Received::runId)
                            .distinct()
                            .count());
        }

        @Test
        void mediumRiskCallWithoutIdempotencyKeyShouldNotBeRetriedAfterSending() throws Exception {
            executor = new ScriptedExecutor(Answer.json(503, UNAVAILABLE));
            ExecutorCallException e = failure(clientFor(executor), MEDIUM_RISK, mediumRiskRun(null));
            assertEquals(1, executor.received().size());
            assertEquals(ErrorCode.ExecutorUnavailable, e.code());
        }

        @Test
        void mediumRiskCallWithIdempotencyKeyShouldBeRetried() throws Exception {
            executor =
                    new ScriptedExecutor(Answer.json(504, "{\"error\":{\"code\":\"timeout\",\"message\":\"slow\"}}"));
            ExecutorCallException e = failure(clientFor(executor), MEDIUM_RISK, mediumRiskRun("key-7"));
            assertEquals(3, executor.received().size());
            assertEquals(ErrorCode.ExecutorTimeout, e.code());
            assertTrue(executor.received().stream().allMatch(r -> "key-7".equals(r.idempotencyKey())));
        }

        @Test
        void clientErrorsShouldNeverBeRetried() throws Exception {
            executor = new ScriptedExecutor(
                    Answer.json(
                            400,
                            "{\"error\":{\"code\":\"invalid_input\",\"message\":\"bad\",\"details\":[{\"pointer\":\"/x\",\"message\":\"no\"}]}}"));
            ExecutorCallException e = failure(clientFor(executor), LOW_RISK, lowRiskRun());
            assertEquals(1, executor.received().size());
            assertEquals(ErrorCode.ExecutorError, e.code());
            assertEquals(400, e.details().get("http_status").asInt());
            assertEquals("invalid_input", e.details().get("code").asString());
            assertEquals("bad", e.details().get("message").asString());
            assertEquals("/x", e.details().get("details").get(0).get("pointer").asString());
            assertTrue(e.getMessage().contains("invalid_input: bad"), e.getMessage());
        }

        @Test
        void connectionRefusedShouldBeRetriedForAnyToolAndReportUnavailable() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            ExecutorCallException e = failure(
                    clientFor(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(10)),
                    MEDIUM_RISK,
                    mediumRiskRun(null));
            assertEquals(ErrorCode.ExecutorUnavailable, e.code());
            assertTrue(
                    e.getMessage().contains("cannot connect") && e.getMessage().contains("after 3 attempts"),
                    e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void ioErrorAfterSendingShouldBeRetriedOnlyWhenSafe(boolean lowRisk) throws Exception {
            try (DroppingServer dropping = new DroppingServer()) {
                ExecutorHttpClient http = clientFor(dropping.uri(), Duration.ofSeconds(10));
                ExecutorCallException e = lowRisk
                        ? failure(http, LOW_RISK, lowRiskRun())
                        : failure(http, MEDIUM_RISK, mediumRiskRun(null));
                assertEquals(ErrorCode.ExecutorUnavailable, e.code());
                assertTrue(ExecutorTestSupport.eventually(
                        Duration.ofSeconds(5), () -> dropping.accepted() == (lowRisk ? 3 : 1)));
                assertEquals(lowRisk ? 3 : 1, dropping.accepted());
                if (!lowRisk) assertTrue(e.getMessage().contains("not repeated"), e.getMessage());
            }
        }
    }

    @Nested
    class BadAnswers {
        @Test
        void slowExecutorShouldTimeOut() throws Exception {
            executor = new ScriptedExecutor(Answer.hanging());
            long started = System.nanoTime();
            ExecutorCallException e =
                    failure(clientFor(executor.uri(), Duration.ofMillis(300)), LOW_RISK, lowRiskRun());
            assertEquals(ErrorCode.ExecutorTimeout, e.code());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000);
            assertTrue(e.getMessage().contains("http.timeout_seconds"), e.getMessage());
        }

        @Test
        void htmlAnswerShouldBeAProtocolErrorThatNeverEchoesTokens() throws Exception {
            String page = "<html><body>Proxy says hi. You sent Authorization: Bearer " + TOKEN
                    + " and id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" + " ".repeat(10) + "x".repeat(500)
                    + "</body></html>";
            executor = new ScriptedExecutor(Answer.text(200, page));
            ExecutorCallException e = failure(clientFor(executor), LOW_RISK, lowRiskRun());
            assertEquals(ErrorCode.ExecutorError, e.code());
            assertTrue(e.getMessage().contains("not the executor protocol's JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("(truncated)"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN) || e.details().toString().contains(TOKEN));
            assertFalse(e.getMessage().contains("eyJhbGciOiJSUzI1NiJ9"), e.getMessage());
        }

        @Test
        void jsonWithoutOutputShouldBeAProtocolError() throws Exception {
            executor = new ScriptedExecutor(Answer.json(200, "{\"result\":1}"));
            ExecutorCallException e = failure(clientFor(executor), LOW_RISK, lowRiskRun());
            assertEquals(ErrorCode.ExecutorError, e.code());
            assertEquals(200, e.details().get("http_status").asInt());
        }

        @Test
        void errorStatusWithForeignBodyShouldSaySo() throws Exception {
            executor = new ScriptedExecutor(Answer.text(500, "Internal Server Error"));
            ExecutorCallException e = failure(clientFor(executor), LOW_RISK, lowRiskRun());
            assertEquals(ErrorCode.ExecutorError, e.code());
            assertTrue(
                    e.getMessage().contains("HTTP 500") && e.getMessage().contains("Internal Server Error"),
                    e.getMessage());
        }

        @Test
        void unresolvableExecutorShouldFailWithTheResolversMessage() throws Exception {
            client = new ExecutorHttpClient(
                    name -> {
                        throw new ExecutorCallException(
                                ErrorCode.ExecutorUnavailable, "set executors." + name + ".url", null);
                    },
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    QUICK_RETRIES,
                    new GoogleIdTokens(ProductOsConfig.empty()));
            ExecutorCallException e = failure(client, LOW_RISK, lowRiskRun());
            assertEquals("set executors.brand.url", e.getMessage());
        }
    }

    /** Accepts connections, reads the request, and closes without answering. */
    private static final class DroppingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread acceptor = new Thread(this::serve, "dropping-server");

        DroppingServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    accepted.incrementAndGet();
                    InputStream in = connection.getInputStream();
                    byte[] buffer = new byte[8192];
                    in.read(buffer); // the request arrived; now drop it
                } catch (IOException closed) {
                    // closing the socket ends the loop
                }
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
