package com.productos.rpc;

import static com.productos.testing.JsonRpcWireClient.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcLifecycleTest {
    @TempDir
    Path folder;

    private RpcFixture fixture;
    private JsonRpcWireClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new RpcFixture(folder);
        client = fixture.client;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void initializeShouldAnswerServerInfoMethodsAndCapabilities() throws Exception {
        long self = ProcessHandle.current().pid();
        JsonRpcWireClient.Frame answer = client.call(
                1,
                "initialize",
                "{\"processId\":" + self
                        + ",\"clientInfo\":{\"name\":\"productos-vscode\",\"version\":\"0.1.0\"},\"workspaceFolder\":\"/tmp/w\"}");
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{"
                        + "\"serverInfo\":{\"name\":\"productos-backend\",\"version\":\"test\"},"
                        + "\"protocolVersion\":\"1\","
                        + "\"requests\":[\"initialize\",\"shutdown\",\"registry/listTools\",\"runs/start\",\"runs/get\",\"runs/list\","
                        + "\"runs/cancel\",\"approvals/list\",\"approvals/decide\",\"supervisor/send\",\"supervisor/cancel\",\"supervisor/info\",\"sessions/list\",\"sessions/get\"],"
                        + "\"clientNotifications\":[\"exit\"],"
                        + "\"notifications\":[\"runs/updated\",\"runs/log\",\"approvals/requested\",\"supervisor/event\"],"
                        + "\"capabilities\":{\"maxMessageBytes\":8388608,\"clientActors\":[\"user\",\"mcp\"],"
                        + "\"runCancellation\":true,\"approvals\":true,\"requestCancellation\":true}}}"),
                answer.raw());
        assertEquals(OptionalLong.of(self), fixture.server.watchedProcessId());
    }

    @Test
    void initializeWithoutParamsShouldStillAnswer() throws Exception {
        assertTrue(client.call(1, "initialize", null).body().contains("\"serverInfo\""));
    }

    @Test
    void requestsAfterShutdownShouldBeRefusedAndExitShouldCallBack() throws Exception {
        assertEquals(false, fixture.server.shutdownRequested());
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"),
                client.call(1, "shutdown", null).raw());
        assertEquals(true, fixture.server.shutdownRequested());
        assertEquals(
                frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32600,\"message\":\"the server is shutting "
                        + "down after a 'shutdown' request and answers no more requests; send the 'exit' notification and start "
                        + "a new server\"}}"),
                client.call(2, "registry/listTools", null).raw());
        assertEquals(1, fixture.exited.getCount());
        client.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
        assertTrue(fixture.exited.await(10, TimeUnit.SECONDS), "exit did not call back");
    }

    @Test
    void endOfInputShouldCompleteTheListeningFuture() throws Exception {
        assertTrue(client.call(1, "initialize", "{}").body().contains("\"result\""));
        client.closeInput();
        fixture.server.listening().get(10, TimeUnit.SECONDS);
        assertTrue(fixture.server.listening().isDone());
    }
}
