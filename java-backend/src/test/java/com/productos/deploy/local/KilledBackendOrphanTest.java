package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.deploy.DeployModule;
import com.productos.deploy.Poll;
import com.productos.deploy.SampleServiceRepo;
import com.productos.executors.ExecutorEnvironment;
import com.productos.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A backend killed with SIGKILL while a deploy builds, or while its new revision is not yet healthy,
 * leaves its children running; the next backend on the workspace stops every one of them.
 */
class KilledBackendOrphanTest {
    private static final String STATUS = "{\"service_name\":\"web\",\"region\":\"local\"}";

    @TempDir
    Path temp;

    @Test
    void aBackendKilledMidBuildShouldLeaveNoProcessOnceTheNextOneStarts() throws Exception {
        Path marker = temp.resolve("build.pid");
        List<ProcessHandle> left = killBackendOnceStarted(
                marker,
                "build: echo build started; sleep 300 & echo $! > '" + marker
                        + "'; wait\nrun: node server.js\nhealth_path: /healthz\n",
                "web-00001/build.log",
                "build started");

        assertNextStartStopsAll(left);
    }

    @Test
    void aBackendKilledWhileItsRevisionIsNotYetHealthyShouldLeaveNoProcessOnceTheNextOneStarts() throws Exception {
        Path marker = temp.resolve("run.pid");
        List<ProcessHandle> left = killBackendOnceStarted(
                marker,
                "run: echo $$ > '" + marker + "'; echo revision started;"
                        + " exec node server.js\nhealth_path: /never-healthy\nhealth_timeout_seconds: 300\n",
                "web-00001/revision.log",
                "revision started");

        assertNextStartStopsAll(left);
    }

    /**
     * Deploys from a child JVM and kills it with SIGKILL once {@code marker} names a started child and the
     * backend has logged {@code line} of that child's output to {@code logFile}; returns what was left.
     */
    private List<ProcessHandle> killBackendOnceStarted(Path marker, String manifest, String logFile, String line)
            throws Exception {
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        repo.commit("a deploy that stays in progress", Map.of(ServiceManifest.FILE_NAME, manifest));
        Files.createDirectories(temp.resolve("workspace"));
        Process backend = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DeployThenWait.class.getName(),
                        temp.resolve("workspace").toString(),
                        repo.dir().toString(),
                        temp.resolve("deployed").toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("backend.log").toFile())
                .start();
        List<ProcessHandle> children;
        try {
            Path log = temp.resolve("workspace/.productos/deploy/web").resolve(logFile);
            Poll.until(
                    Duration.ofSeconds(60),
                    "the child backend to log '" + line + "'",
                    () -> (isNonEmpty(marker)
                                    && Files.exists(log)
                                    && Files.readString(log).contains(line))
                            || !backend.isAlive());
            assertTrue(backend.isAlive(), "the child backend failed: " + Files.readString(temp.resolve("backend.log")));
            children = backend.toHandle().descendants().toList();
            assertFalse(children.isEmpty(), "the deploy has started a process");
            backend.destroyForcibly();
            assertTrue(backend.waitFor(30, TimeUnit.SECONDS));
        } finally {
            backend.destroyForcibly();
        }
        List<ProcessHandle> left =
                children.stream().filter(ProcessTree::isRunning).toList();
        long marked = markedPid(marker);
        assertTrue(
                left.stream().anyMatch(handle -> handle.pid() == marked),
                "SIGKILL does not stop the deploy's children by itself: " + left);
        return left;
    }

    private void assertNextStartStopsAll(List<ProcessHandle> left) throws Exception {
        ExecutorEnvironment environment = new ExecutorEnvironment(
                Workspace.open(temp.resolve("workspace")), Calls.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC());
        try (DeployModule next = DeployModule.create(environment)) {
            Poll.until(
                    Duration.ofSeconds(30),
                    "the next backend to stop " + left,
                    () -> left.stream().noneMatch(ProcessTree::isRunning));
            JsonNode status = Calls.call(next, "cloudrun.get_service_status", STATUS);
            assertEquals(
                    "error", status.path("status").asString(), "the interrupted deploy is not reported as in progress");
            assertTrue(status.path("reason").asString().contains("interrupted"), status.toString());
            JsonNode state = Json.parse(Files.readString(temp.resolve("workspace/.productos/deploy/web/service.json")));
            assertEquals(
                    "FAILED", state.path("revisions").path(0).path("status").asString(), state.toString());
            assertFalse(state.path("deploying").asBoolean(), state.toString());
        } finally {
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean isNonEmpty(Path file) throws IOException {
        return Files.exists(file) && !Files.readString(file).isBlank();
    }

    private static long markedPid(Path marker) {
        try {
            return Long.parseLong(Files.readString(marker).trim());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("cannot read " + marker + ": " + e.getMessage());
        }
    }
}
