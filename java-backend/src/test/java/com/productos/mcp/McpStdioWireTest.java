package com.productos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code productos mcp --stdio} byte for byte: every line on stdout is one JSON-RPC message (nothing
 * else is ever printed there), bad lines get clear errors, and the server keeps serving after each.
 */
class McpStdioWireTest {
    @TempDir
    Path workspace;

    @Test
    void badLinesShouldBeAnsweredAndTheServerShouldKeepServing() throws Exception {
        Process server = new ProcessBuilder(McpTestSupport.serverCommand(workspace, "--stdio"))
                .redirectError(workspace.resolve("stderr.txt").toFile())
                .start();
        try (OutputStream in = server.getOutputStream();
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            send(in, RawMcpHttp.INITIALIZE);
            assertEquals(1, message(out).path("id").asInt());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":");
            assertEquals(-32700, message(out).path("error").path("code").asInt());
            send(in, "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]");
            assertEquals(-32600, message(out).path("error").path("code").asInt());
            send(in, "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"ping\"}");
            JsonNode wrongVersion = message(out);
            assertEquals(4, wrongVersion.path("id").asInt());
            assertEquals(-32600, wrongVersion.path("error").path("code").asInt());
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}");
            JsonNode noName = message(out);
            assertEquals(-32602, noName.path("error").path("code").asInt());
            assertTrue(noName.path("error").path("message").asString().contains("params.name"), noName.toString());
            send(
                    in,
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"events.ingest\",\"arguments\":{\"pad\":\""
                            + "x".repeat(10 * 1024 * 1024) + "\"}}}");
            JsonNode oversized = message(out);
            assertTrue(
                    oversized.path("error").path("message").asString().contains("larger than 4 MiB"),
                    oversized.toString());
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"no/such\"}");
            assertEquals(-32601, message(out).path("error").path("code").asInt());

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}");
            JsonNode list = message(out);
            assertEquals(8, list.path("id").asInt());
            assertTrue(list.path("result").path("tools").size() > 10, list.toString());
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    @Test
    void endOfStdinShouldStopTheServerCleanly() throws Exception {
        Process server = new ProcessBuilder(McpTestSupport.serverCommand(workspace, "--stdio"))
                .redirectError(workspace.resolve("stderr.txt").toFile())
                .start();
        try (OutputStream in = server.getOutputStream()) {
            send(in, RawMcpHttp.INITIALIZE);
        }
        byte[] stdout = server.getInputStream().readAllBytes();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server should exit at the end of stdin");
        assertEquals(0, server.exitValue());
        for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty())
                assertEquals(
                        "2.0",
                        Json.parse(line).path("jsonrpc").asString(),
                        "stdout carries protocol bytes only: " + line);
        }
    }

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static JsonNode message(BufferedReader out) throws Exception {
        String line = out.readLine();
        if (line == null) throw new AssertionError("the server closed stdout");
        return Json.parse(line);
    }
}
