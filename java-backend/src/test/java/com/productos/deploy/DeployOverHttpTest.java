package com.productos.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.EmbeddedExecutors;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorResult;
import com.productos.deploy.local.ServiceManifest;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import com.productos.runs.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The deploy and observability executors over the executor HTTP protocol, as the control plane calls them. */
class DeployOverHttpTest {
    @TempDir
    Path temp;

    private static ExecutorResult call(ExecutorHttpClient client, Run run) throws Exception {
        return client.invoke(ExecutorTestSupport.tool(run.tool()), run).get(60, TimeUnit.SECONDS);
    }

    @Test
    void deployStatusLogsAndAFailedDeployShouldTravelOverHttp() throws Exception {
        Workspace workspace = Workspace.open(Files.createDirectories(temp.resolve("workspace")));
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace, ExecutorTestSupport.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC());
        JsonNode input = Json.object()
                .put("service_name", "web")
                .put("repo", repo.dir().toString())
                .put("ref", "main")
                .put("env", "dev")
                .put("region", "local");
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment);
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), environment.config())) {
            assertTrue(executors.embeddedExecutorNames().containsAll(java.util.List.of("deploy", "observability")));

            Run deployRun = ExecutorTestSupport.run("cloudrun.deploy_service", input, "deploy-1");
            ExecutorResult deployed = call(client, deployRun);
            assertEquals("web-00001", deployed.output().path("revision").asString());
            assertTrue(
                    deployed.logs().stream().anyMatch(line -> line.text().contains("is healthy")),
                    deployed.logs().toString());

            ExecutorResult status = call(
                    client,
                    ExecutorTestSupport.run(
                            "cloudrun.get_service_status", "{\"service_name\":\"web\",\"region\":\"local\"}"));
            assertEquals("ready", status.output().path("status").asString());

            ExecutorResult logs = call(
                    client,
                    ExecutorTestSupport.run(
                            "logs.tail",
                            Json.object()
                                    .put("scope", "run")
                                    .put("run_id", deployRun.id())
                                    .put("limit", 100),
                            null));
            assertTrue(
                    logs.output().path("lines").toString().contains("building web-00001"),
                    logs.output().toString());

            repo.commit(
                    "broken build",
                    Map.of(
                            ServiceManifest.FILE_NAME,
                            "build: echo 'cannot compile' >&2; exit 1\nrun: node server.js\n"));
            ExecutionException failed = assertThrows(
                    ExecutionException.class,
                    () -> call(client, ExecutorTestSupport.run("cloudrun.deploy_service", input, "deploy-2")));
            ExecutorCallException failure = (ExecutorCallException) failed.getCause();
            assertTrue(failure.getMessage().contains("exited with code 1"), failure.getMessage());
            assertTrue(
                    failure.details().toString().contains("cannot compile"),
                    failure.details().toString());
            assertFalse(failure.getMessage().contains("at com.productos"), "no stack trace: " + failure.getMessage());
        }
    }
}
