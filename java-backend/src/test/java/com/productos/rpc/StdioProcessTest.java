package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.testing.JsonRpcWireClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in its own process on real stdin/stdout: only frames on stdout, and the process ends when it should. */
class StdioProcessTest {
    @TempDir
    Path folder;

    private Process start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StdioServerMain.class.getName(),
                        folder.toString()))
                .redirectError(folder.resolve("stderr.txt").toFile())
                .start();
    }

    @Test
    void shutdownThenExitShouldEndTheProcessWithCodeZeroAndStdoutShouldHoldOnlyFrames() throws Exception {
        Process process = start();
        try (JsonRpcWireClient client = new JsonRpcWireClient(process.getInputStream(), process.getOutputStream())) {
            assertTrue(client.call(
                            1,
                            "initialize",
                            "{\"processId\":" + ProcessHandle.current().pid() + "}")
                    .body()
                    .contains("\"serverInfo\""));
            assertTrue(client.call(2, "registry/listTools", null)
                            .json()
                            .get("result")
                            .get("tools")
                            .size()
                    >= 10);
            client.call(3, "shutdown", null);
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the process did not exit");
            assertEquals(0, process.exitValue());
            assertTrue(client.awaitEndOfStream());
        } finally {
            process.destroyForcibly();
        }
        String stderr = Files.readString(folder.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertTrue(stderr.contains("a stray print that must not reach the protocol stream"), stderr);
    }

    @Test
    void exitWithoutShutdownShouldEndTheProcessWithCodeOne() throws Exception {
        Process process = start();
        try (JsonRpcWireClient client = new JsonRpcWireClient(process.getInputStream(), process.getOutputStream())) {
            client.call(1, "initialize", "{}");
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the process did not exit");
            assertEquals(1, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void endOfStdinShouldEndTheProcess() throws Exception {
        Process process = start();
        try (JsonRpcWireClient client = new JsonRpcWireClient(process.getInputStream(), process.getOutputStream())) {
            client.call(1, "initialize", "{}");
            client.closeInput();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the process did not exit at the end of its input");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
        assertTrue(new File(folder.toFile(), "productos.db").exists());
    }
}
