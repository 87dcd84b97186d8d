package com.productos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code productos serve --stdio} from the real jar, as the editor extension runs it. */
class ServeStdioIT {
    @TempDir
    Path workspace;

    private Process serve() throws Exception {
        return new ProcessBuilder(
                        JarProcesses.command("serve", "--stdio", "--no-daemon", "--workspace", workspace.toString()))
                .redirectError(workspace.resolve("stderr.txt").toFile())
                .start();
    }

    private static JsonNode awaitRunStatus(JsonRpcWireClient client, String runId, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode note = client.nextNotification(500);
            if (note != null
                    && "runs/updated".equals(note.path("method").asString())
                    && runId.equals(note.path("params").path("id").asString())
                    && status.equals(note.path("params").path("status").asString())) {
                return note.path("params");
            }
        }
        throw new AssertionError("run " + runId + " never reached " + status);
    }

    @Test
    void fullSessionShouldSpeakOnlyFramesOnStdoutAndExitCleanly() throws Exception {
        Process server = serve();
        try (JsonRpcWireClient client = new JsonRpcWireClient(server.getInputStream(), server.getOutputStream())) {
            JsonNode init = client.call(
                    "initialize",
                    Json.parse("{\"processId\":" + ProcessHandle.current().pid() + "}"));
            assertNotNull(init.get("result"), init.toString());

            JsonNode tools = client.call("registry/listTools", Json.object());
            assertTrue(
                    tools.path("result").path("tools").size() >= 10
                            || tools.path("result").size() >= 10,
                    tools.toString());

            ObjectNode update = Json.object().put("tool", "brand.update_profile");
            ObjectNode input = update.putObject("input").put("profile_id", "default");
            input.set("patch", Json.parse(Files.readString(CliIT.fixture("brand/complete-profile.json"))));
            JsonNode started = client.call("runs/start", update);
            String runId = started.path("result").path("id").asString();
            awaitRunStatus(client, runId, "succeeded");

            JsonNode get = client.call(
                    "runs/start",
                    Json.parse("{\"tool\":\"brand.get_profile\",\"input\":{\"profile_id\":\"default\"}}"));
            JsonNode done = awaitRunStatus(client, get.path("result").path("id").asString(), "succeeded");
            assertEquals("default", done.path("output").path("profile_id").asString(), done.toString());

            JsonNode bad = client.call(
                    "runs/start", Json.parse("{\"tool\":\"logs.tail\",\"input\":{\"scope\":\"x\",\"limit\":1}}"));
            assertEquals(-31002, bad.path("error").path("code").asInt(), bad.toString());

            client.call("shutdown", null);
            client.notify("exit", null);
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "serve did not exit after exit");
            assertEquals(0, server.exitValue());
            assertEquals(List.of(), client.protocolViolations());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void endOfStdinShouldStopTheBackend() throws Exception {
        Process server = serve();
        try (JsonRpcWireClient client = new JsonRpcWireClient(server.getInputStream(), server.getOutputStream())) {
            client.call("initialize", Json.object());
            client.closeInput();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "serve did not exit at end of stdin");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void deathOfTheParentProcessShouldStopTheBackend() throws Exception {
        // sh is the parent; sleep keeps stdin open, so only the parent watch can end the backend.
        String java = String.join(
                " ", JarProcesses.command("serve", "--stdio", "--no-daemon", "--workspace", workspace.toString()));
        Process shell = new ProcessBuilder("sh", "-c", "sleep 120 | " + java + " > /dev/null 2>&1")
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> pipeline = List.of();
        try {
            ProcessHandle backend = awaitJavaChild(shell.toHandle());
            awaitLogLine(workspace.resolve(".productos/logs/backend.log"), "serving JSON-RPC");
            // Once sh is gone its children belong to init; keep hold of them to clean up.
            pipeline = shell.toHandle().children().toList();
            shell.toHandle().destroyForcibly();
            assertTrue(backend.onExit().get(30, TimeUnit.SECONDS) != null);
            assertTrue(!backend.isAlive());
        } finally {
            shell.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            pipeline.forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    /** Waits (bounded) until the backend says it serves, which is when it watches its parent. */
    private static void awaitLogLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError(log + " never said '" + text + "'");
    }

    private static ProcessHandle awaitJavaChild(ProcessHandle shell) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> java = shell.children()
                    .filter(child -> child.info()
                            .command()
                            .map(command -> command.endsWith("java"))
                            .orElse(false))
                    .findFirst();
            if (java.isPresent()) return java.get();
            Thread.sleep(50);
        }
        throw new AssertionError("the backend did not start under sh");
    }
}
