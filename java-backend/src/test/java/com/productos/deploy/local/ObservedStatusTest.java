package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** cloudrun.get_service_status reports what the service does now, whatever happened behind the backend's back. */
class ObservedStatusTest {
    private static final String STATUS = "{\"service_name\":\"web\",\"region\":\"local\"}";

    @TempDir
    Path temp;

    private ExecutorEnvironment environment;
    private SampleServiceRepo repo;
    private DeployModule deploy;

    @BeforeEach
    void setUp() throws Exception {
        environment = new ExecutorEnvironment(
                Workspace.open(Files.createDirectories(temp.resolve("workspace"))),
                Calls.REGISTRY,
                ProductOsConfig.empty(),
                Clock.systemUTC());
        repo = SampleServiceRepo.create(temp.resolve("web"));
        deploy = DeployModule.create(environment);
    }

    @AfterEach
    void tearDown() {
        deploy.close();
    }

    private JsonNode deployMain() throws ExecutorFailure {
        return Calls.call(
                deploy,
                "cloudrun.deploy_service",
                Json.object()
                        .put("service_name", "web")
                        .put("repo", repo.dir().toString())
                        .put("ref", "main")
                        .put("env", "dev")
                        .put("region", "local"),
                "run-deploy");
    }

    private List<ProcessHandle> servingTree() {
        RevisionProcess serving =
                ((LocalDeployBackend) deploy.backend()).servingProcess("web").orElseThrow();
        List<ProcessHandle> tree =
                new ArrayList<>(serving.process().toHandle().descendants().toList());
        tree.add(serving.process().toHandle());
        return tree;
    }

    @Test
    void aRevisionKilledBehindTheBackendsBackShouldBeAnErrorUntilItServesAgain() throws Exception {
        deployMain();
        assertEquals(
                "ready",
                Calls.call(deploy, "cloudrun.get_service_status", STATUS)
                        .path("status")
                        .asString());
        List<ProcessHandle> tree = servingTree();

        tree.forEach(ProcessHandle::destroyForcibly);
        Poll.until(
                Duration.ofSeconds(10),
                "the revision to be gone",
                () -> tree.stream().noneMatch(ProcessTree::isRunning));

        JsonNode down = Calls.call(deploy, "cloudrun.get_service_status", STATUS);
        assertEquals("error", down.path("status").asString(), down.toString());
        assertTrue(
                down.path("reason").asString().contains("web-00001")
                        && down.path("reason").asString().contains("not running"),
                down.toString());

        Calls.call(
                deploy,
                "cloudrun.rollback_service",
                "{\"service_name\":\"web\",\"region\":\"local\",\"env\":\"dev\",\"target_revision\":\"web-00001\"}");
        JsonNode again = Calls.call(deploy, "cloudrun.get_service_status", STATUS);
        assertEquals("ready", again.path("status").asString(), again.toString());
        assertTrue(again.path("reason").isMissingNode(), again.toString());
    }

    @Test
    void aRevisionThatStopsAnsweringItsHealthCheckShouldBeAnErrorUntilItAnswersAgain() throws Exception {
        deployMain();
        List<ProcessHandle> tree = servingTree();

        signal("STOP", tree);
        try {
            JsonNode hung = Calls.call(deploy, "cloudrun.get_service_status", STATUS);
            assertEquals("error", hung.path("status").asString(), hung.toString());
            assertTrue(hung.path("reason").asString().contains("GET /healthz"), hung.toString());
        } finally {
            signal("CONT", tree);
        }

        JsonNode again = Calls.call(deploy, "cloudrun.get_service_status", STATUS);
        assertEquals("ready", again.path("status").asString(), again.toString());
    }

    @Test
    void aFrontThatDoesNotAnswerShouldBeAnErrorEvenWhileItsRevisionDoes() throws Exception {
        deploy.close();
        Path deployed = temp.resolve("deployed");
        Process owner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DeployThenWait.class.getName(),
                        temp.resolve("workspace").toString(),
                        repo.dir().toString(),
                        deployed.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("owner.log").toFile())
                .start();
        try {
            Poll.until(
                    Duration.ofSeconds(60),
                    "the owning backend to deploy",
                    () -> Files.exists(deployed) || !owner.isAlive());
            assertTrue(owner.isAlive(), "the owning backend failed: " + Files.readString(temp.resolve("owner.log")));
            deploy = DeployModule.create(environment);
            assertEquals(
                    "ready",
                    Calls.call(deploy, "cloudrun.get_service_status", STATUS)
                            .path("status")
                            .asString());

            // The owner's front proxy stops answering; its revision, a process of its own, still does.
            signal("STOP", List.of(owner.toHandle()));
            try {
                JsonNode frontDown = Calls.call(deploy, "cloudrun.get_service_status", STATUS);
                assertEquals("error", frontDown.path("status").asString(), frontDown.toString());
                assertTrue(frontDown.path("reason").asString().contains("front"), frontDown.toString());
            } finally {
                signal("CONT", List.of(owner.toHandle()));
            }
            JsonNode again = Calls.call(deploy, "cloudrun.get_service_status", STATUS);
            assertEquals("ready", again.path("status").asString(), again.toString());
        } finally {
            owner.destroy();
            owner.waitFor(30, TimeUnit.SECONDS);
            owner.destroyForcibly();
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(handle -> command.add(Long.toString(handle.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes()));
    }
}
