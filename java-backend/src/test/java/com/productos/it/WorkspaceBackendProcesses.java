package com.productos.it;

import com.productos.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * CLI commands of the packaged jar against one workspace's backend process (the user default, not
 * --no-daemon), and the teardown that makes sure no backend and none of its processes outlive a test:
 * the backend is a grandchild that outlives the command that started it, so it is found through its
 * backend.json, and its descendants are remembered while it lives.
 */
final class WorkspaceBackendProcesses implements AutoCloseable {
    private final Path workspace;
    private final Map<String, String> environment = new HashMap<>();
    /** Every process seen under a backend of this workspace, so teardown can be sure they are gone. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    WorkspaceBackendProcesses(Path workspace, long idleTimeoutSeconds) {
        this.workspace = workspace;
        environment.put("PRODUCTOS_NO_DAEMON", null);
        environment.put("PRODUCTOS_BACKEND_IDLE_SECONDS", Long.toString(idleTimeoutSeconds));
    }

    Path workspace() {
        return workspace;
    }

    /** {@code productos ARGS --workspace WS}, run to completion. */
    JarProcesses.Result productos(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--workspace");
        all.add(workspace.toString());
        JarProcesses.Result result = JarProcesses.run(workspace, environment, all.toArray(String[]::new));
        remember();
        return result;
    }

    /** Starts {@code productos ARGS --workspace WS} and returns it running. */
    Process start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--workspace");
        all.add(workspace.toString());
        ProcessBuilder builder =
                new ProcessBuilder(JarProcesses.command(all.toArray(String[]::new))).directory(workspace.toFile());
        environment.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        return builder.start();
    }

    Path infoFile() {
        return workspace.resolve(".productos/run/backend.json");
    }

    Path log() {
        return workspace.resolve(".productos/logs/backend.log");
    }

    /** The live backend named by backend.json, if any. */
    Optional<ProcessHandle> backend() {
        try {
            if (!Files.isRegularFile(infoFile())) return Optional.empty();
            JsonNode info = Json.parse(Files.readString(infoFile()));
            return ProcessHandle.of(info.path("pid").asLong()).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException halfWritten) {
            return Optional.empty();
        }
    }

    ProcessHandle requireBackend() {
        return backend()
                .orElseThrow(() ->
                        new AssertionError("no workspace backend runs for " + workspace + "; log:\n" + logText()));
    }

    /** Notes the backend and its descendants now, for {@link #close()}. */
    List<ProcessHandle> remember() {
        List<ProcessHandle> now = new ArrayList<>();
        backend().ifPresent(backend -> {
            now.add(backend);
            backend.descendants().forEach(now::add);
        });
        synchronized (seen) {
            seen.addAll(now);
        }
        return now;
    }

    String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "(no backend log)";
        } catch (IOException e) {
            return "(unreadable backend log: " + e.getMessage() + ")";
        }
    }

    /** Processes of this workspace's backends that are still alive. */
    List<ProcessHandle> leftovers() {
        remember();
        synchronized (seen) {
            return seen.stream().filter(ProcessHandle::isAlive).toList();
        }
    }

    /** Waits (bounded) until {@code condition} holds, checking every 50 ms; false if it never did. */
    static boolean eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /**
     * Stops the backend as a user would; returns what of it (or of an earlier, killed backend) was still
     * alive 10 s later, after killing it, so a test can fail on processes left behind.
     */
    List<ProcessHandle> stopAll() throws Exception {
        remember();
        if (backend().isPresent()) productos("backend", "stop", "--timeout-seconds", "30");
        eventually(Duration.ofSeconds(10), () -> leftovers().isEmpty());
        List<ProcessHandle> left = leftovers();
        for (ProcessHandle process : left) {
            process.destroyForcibly();
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        return left;
    }

    @Override
    public void close() throws Exception {
        stopAll();
    }
}
