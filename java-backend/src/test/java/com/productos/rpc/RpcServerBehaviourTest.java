package com.productos.rpc;

import static com.productos.testing.JsonRpcWireClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Threads, the parent process, and failures nobody planned for. */
class RpcServerBehaviourTest {
    @TempDir
    Path folder;

    @Test
    void storeWorkShouldNotHoldUpTheReaderThread() throws Exception {
        try (RpcFixture fixture = new RpcFixture(folder)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch busy = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                fixture.blockingWork.execute(() -> {
                    busy.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            fixture.client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"runs/list\"}");
            assertTrue(
                    fixture.client.call(2, "registry/listTools", null).body().contains("\"tools\""),
                    "the reader answered while every blocking-work thread was busy");
            release.countDown();
            assertTrue(fixture.client.response(1).json().get("result").has("runs"));
        }
    }

    @Test
    void unexpectedFailureShouldBeAnInternalErrorWithoutStackTrace() throws Exception {
        try (RpcFixture fixture = new RpcFixture(folder)) {
            fixture.database.close();
            JsonRpcWireClient.Frame answer = fixture.client.call(3, "runs/get", "{\"runId\":\"run_1\"}");
            JsonNode error = answer.json().get("error");
            assertEquals(-32603, error.get("code").asInt());
            String message = error.get("message").asString();
            assertTrue(
                    message.matches("the backend failed while handling the request; its log has the details "
                            + "\\(reference [0-9a-f]{8}\\)"),
                    message);
            assertEquals(
                    frame("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32603,\"message\":\"" + message + "\"}}"),
                    answer.raw());
            assertFalse(answer.body().contains("at com."), "no stack trace");
        }
    }

    @Test
    void clientProcessThatDiesShouldEndTheServer() throws Exception {
        Process editor = new ProcessBuilder("sleep", "60").start();
        RpcServerOptions options = RpcFixture.testOptions().withParentWatch(false, Duration.ofMillis(20));
        try (RpcFixture fixture = new RpcFixture(folder, Set.of(), Duration.ofSeconds(5), options)) {
            assertEquals(OptionalLong.empty(), fixture.server.watchedProcessId());
            fixture.client.call(1, "initialize", "{\"processId\":" + editor.pid() + "}");
            assertEquals(OptionalLong.of(editor.pid()), fixture.server.watchedProcessId());
            assertEquals(1, fixture.exited.getCount());
            editor.destroy();
            editor.waitFor(10, TimeUnit.SECONDS);
            assertTrue(fixture.exited.await(10, TimeUnit.SECONDS), "the server did not exit when its client died");
        } finally {
            editor.destroyForcibly();
        }
    }

    @Test
    void theRealParentShouldBeWatchedFromTheStart() throws Exception {
        RpcServerOptions options = RpcFixture.testOptions().withParentWatch(true, Duration.ofSeconds(1));
        try (RpcFixture fixture = new RpcFixture(folder, Set.of(), Duration.ofSeconds(5), options)) {
            assertEquals(
                    OptionalLong.of(
                            ProcessHandle.current().parent().orElseThrow().pid()),
                    fixture.server.watchedProcessId());
            assertEquals(1, fixture.exited.getCount());
        }
    }

    @Test
    void cancelledRequestShouldAnswerRequestCancelled() throws Exception {
        try (RpcFixture fixture = new RpcFixture(folder)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch busy = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                fixture.blockingWork.execute(() -> {
                    busy.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(busy.await(10, TimeUnit.SECONDS));
            fixture.client.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"runs/list\"}");
            fixture.client.send("{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":5}}");
            JsonNode error = fixture.client.response(5).json().get("error");
            release.countDown();
            assertEquals(-32800, error.get("code").asInt(), error.toString());
        }
    }
}
