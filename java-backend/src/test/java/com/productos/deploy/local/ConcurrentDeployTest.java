package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ConcurrentDeployTest {
    @TempDir
    Path temp;

    @Test
    void whileADeployRunsStatusShouldSayDeployingAndASecondDeployShouldBeAConflict() throws Exception {
        Workspace workspace = Workspace.open(Files.createDirectories(temp.resolve("workspace")));
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        Path gate = temp.resolve("gate");
        // The build waits for the test to open the gate, so the deploy is caught in progress.
        repo.commit(
                "a build that waits",
                Map.of(
                        ServiceManifest.FILE_NAME,
                        "build: while [ ! -f '" + gate
                                + "' ]; do sleep 0.05; done\nrun: node server.js\nhealth_path: /healthz\n"));
        JsonNode input = Json.object()
                .put("service_name", "web")
                .put("repo", repo.url())
                .put("ref", "main")
                .put("env", "dev")
                .put("region", "local");
        try (DeployModule deploy = DeployModule.create(
                new ExecutorEnvironment(workspace, Calls.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC()))) {
            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return Calls.call(deploy, "cloudrun.deploy_service", input, "run-first");
                } catch (ExecutorFailure e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            Poll.until(Duration.ofSeconds(20), "the deploy to be in progress", () -> {
                try {
                    return Calls.call(
                                    deploy,
                                    "cloudrun.get_service_status",
                                    "{\"service_name\":\"web\",\"region\":\"local\"}")
                            .path("status")
                            .asString()
                            .equals("deploying");
                } catch (ExecutorFailure notYet) {
                    return false;
                }
            });

            ExecutorFailure conflict = assertThrows(
                    ExecutorFailure.class, () -> Calls.call(deploy, "cloudrun.deploy_service", input, "run-second"));
            Files.createFile(gate);

            assertEquals(409, conflict.httpStatus());
            assertTrue(conflict.getMessage().contains("already in progress"), conflict.getMessage());
            assertEquals("web-00001", first.get().path("revision").asString());
        }
    }
}
