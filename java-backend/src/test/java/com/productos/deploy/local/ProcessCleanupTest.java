package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.deploy.DeployModule;
import com.productos.deploy.Poll;
import com.productos.deploy.SampleServiceRepo;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
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
import tools.jackson.databind.node.ObjectNode;

/** Revision processes never outlive the backend, even when the backend is killed. */
class ProcessCleanupTest {
    @TempDir
    Path temp;

    @Test
    void aBackendKilledWithSigtermShouldStopItsRevisionsThroughTheShutdownHook() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("workspace"));
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        repo.commit(
                "a child process too",
                Map.of(ServiceManifest.FILE_NAME, "run: sleep 300 & node server.js\nhealth_path: /healthz\n"));
        Path pidFile = temp.resolve("pids");
        Process child = startChildBackend(workspace, repo, pidFile);
        try {
            Poll.until(
                    Duration.ofSeconds(60),
                    "the child backend to deploy",
                    () -> Files.exists(pidFile) || !child.isAlive());
            assertTrue(child.isAlive(), "child backend failed: " + Files.readString(temp.resolve("child.log")));
            List<Long> pids =
                    Files.readAllLines(pidFile).stream().map(Long::parseLong).toList();
            assertTrue(pids.size() >= 2, "node and its sleep child: " + pids);

            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the backend exits on SIGTERM");

            Poll.until(
                    Duration.ofSeconds(10),
                    "every revision process to stop",
                    () -> pids.stream()
                            .noneMatch(pid -> ProcessHandle.of(pid)
                                    .map(ProcessTree::isRunning)
                                    .orElse(false)));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aSecondBackendOnTheSameWorkspaceShouldLeaveTheOwnersRevisionAloneAndTakeOverWhenItExits() throws Exception {
        Path workspaceDir = Files.createDirectories(temp.resolve("workspace"));
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        Path pidFile = temp.resolve("pids");
        Process owner = startChildBackend(workspaceDir, repo, pidFile);
        try {
            Poll.until(
                    Duration.ofSeconds(60),
                    "the owning backend to deploy",
                    () -> Files.exists(pidFile) || !owner.isAlive());
            assertTrue(owner.isAlive(), "owning backend failed: " + Files.readString(temp.resolve("child.log")));
            long servingPid = Long.parseLong(Files.readAllLines(pidFile).get(0));
            ExecutorEnvironment environment = new ExecutorEnvironment(
                    Workspace.open(workspaceDir), Calls.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC());

            try (DeployModule second = DeployModule.create(environment)) {
                JsonNode status = Calls.call(
                        second, "cloudrun.get_service_status", "{\"service_name\":\"web\",\"region\":\"local\"}");
                assertEquals("ready", status.path("status").asString(), "read from the owner's state");
                assertTrue(
                        ProcessHandle.of(servingPid).map(ProcessTree::isRunning).orElse(false),
                        "the owner's revision is untouched");
                ExecutorFailure refused = assertThrows(
                        ExecutorFailure.class,
                        () -> Calls.call(
                                second,
                                "cloudrun.deploy_service",
                                Json.object()
                                        .put("service_name", "web")
                                        .put("repo", repo.dir().toString())
                                        .put("ref", "main")
                                        .put("env", "dev")
                                        .put("region", "local"),
                                "run-second"));
                assertEquals(409, refused.httpStatus());
                assertTrue(refused.getMessage().contains("pid " + owner.pid()), refused.getMessage());

                owner.destroy();
                assertTrue(owner.waitFor(30, TimeUnit.SECONDS));
                Poll.until(
                        Duration.ofSeconds(20),
                        "the second backend to take the service over",
                        () -> Calls.call(
                                        second,
                                        "cloudrun.get_service_status",
                                        "{\"service_name\":\"web\",\"region\":\"local\"}")
                                .path("status")
                                .asString()
                                .equals("ready"));
                assertEquals(
                        status.path("service_url").asString(),
                        Calls.call(
                                        second,
                                        "cloudrun.get_service_status",
                                        "{\"service_name\":\"web\",\"region\":\"local\"}")
                                .path("service_url")
                                .asString());
                assertEquals(
                        200,
                        java.net.http.HttpClient.newHttpClient()
                                .send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        java.net.URI.create(status.path("service_url")
                                                                        .asString() + "/healthz"))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode());
            }
        } finally {
            owner.destroyForcibly();
        }
    }

    private Process startChildBackend(Path workspace, SampleServiceRepo repo, Path pidFile) throws java.io.IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DeployThenWait.class.getName(),
                        workspace.toString(),
                        repo.dir().toString(),
                        pidFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
    }

    @Test
    void aRestartedBackendShouldStopAProcessLeftByACrashedOneAndServeAgain() throws Exception {
        Workspace workspace = Workspace.open(Files.createDirectories(temp.resolve("workspace")));
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        ExecutorEnvironment environment =
                new ExecutorEnvironment(workspace, Calls.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC());
        DeployModule first = DeployModule.create(environment);
        String url = Calls.call(
                        first,
                        "cloudrun.deploy_service",
                        Json.object()
                                .put("service_name", "web")
                                .put("repo", repo.dir().toString())
                                .put("ref", "main")
                                .put("env", "dev")
                                .put("region", "local"),
                        "run-1")
                .path("service_url")
                .asString();
        first.close();
        // What a crashed backend leaves: a live process recorded as the serving revision's.
        Process leftover = new ProcessBuilder("sleep", "300").start();
        Path stateFile = workspace.dataDir().resolve("deploy/web/service.json");
        ObjectNode state = (ObjectNode) Json.parse(Files.readString(stateFile));
        ObjectNode revision = (ObjectNode) state.path("revisions").path(0);
        revision.put("pid", leftover.pid())
                .put(
                        "pid_started_at",
                        leftover.toHandle().info().startInstant().orElseThrow().toString());
        Files.writeString(stateFile, Json.write(state));

        try (DeployModule second = DeployModule.create(environment)) {
            Poll.until(Duration.ofSeconds(20), "the leftover process to be stopped", () -> !leftover.isAlive());
            Poll.until(
                    Duration.ofSeconds(20),
                    "the service to serve again",
                    () -> Calls.call(
                                    second,
                                    "cloudrun.get_service_status",
                                    "{\"service_name\":\"web\",\"region\":\"local\"}")
                            .path("status")
                            .asString()
                            .equals("ready"));
            assertEquals(
                    url,
                    Calls.call(second, "cloudrun.get_service_status", "{\"service_name\":\"web\",\"region\":\"local\"}")
                            .path("service_url")
                            .asString());
        } finally {
            leftover.destroyForcibly();
        }
        assertFalse(leftover.isAlive());
    }
}
