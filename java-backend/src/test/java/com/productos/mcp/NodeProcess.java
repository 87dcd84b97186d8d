package com.productos.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js process run from test-fixtures/mcp-clients (installed by the build's npm ci), with its stdout
 * read line by line and its stderr kept in a file for the failure message.
 */
final class NodeProcess implements AutoCloseable {
    static final Path CLIENTS = McpTestSupport.fixture("mcp-clients");

    private final Process process;
    private final BufferedReader stdout;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();

    private NodeProcess(Process process, Path stderr) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    static NodeProcess start(Path outputDir, Map<String, String> environment, String... args) throws IOException {
        if (!Files.isDirectory(CLIENTS.resolve("node_modules/@modelcontextprotocol"))) {
            throw new AssertionError(
                    CLIENTS + "/node_modules is missing; the build installs it with npm ci (mvn initialize)");
        }
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(args));
        Files.createDirectories(outputDir);
        Path err = Files.createTempFile(outputDir, "node", ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(CLIENTS.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new NodeProcess(builder.start(), err);
    }

    /** The next line of stdout, or an AssertionError with everything seen when the process ended first. */
    String nextLine() throws IOException {
        String line = stdout.readLine();
        if (line == null) throw new AssertionError("node ended before the expected output:\n" + transcript());
        lines.add(line);
        return line;
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the exit and returns its code; stdout left unread is kept for {@link #transcript()}. */
    int await(long timeoutSeconds) throws Exception {
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = stdout.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ended) {
                // The process is gone; what was read is kept.
            }
        });
        drain.setDaemon(true);
        drain.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("node did not finish within " + timeoutSeconds + " s:\n" + transcript());
        }
        drain.join(10_000);
        return process.exitValue();
    }

    String transcript() throws IOException {
        synchronized (lines) {
            return "--- stdout\n" + String.join("\n", lines) + "\n--- stderr\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
