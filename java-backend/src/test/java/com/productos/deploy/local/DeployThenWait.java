package com.productos.deploy.local;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.deploy.DeployModule;
import com.productos.executors.ExecutorEnvironment;
import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate JVM for {@link ProcessCleanupTest}: deploys the repo at args[1] into the workspace at
 * args[0], writes the pids of the serving revision's process tree to args[2], then waits to be killed.
 */
public final class DeployThenWait {
    private DeployThenWait() {}

    public static void main(String[] args) throws Exception {
        Workspace workspace = Workspace.open(Path.of(args[0]));
        DeployModule deploy = DeployModule.create(
                new ExecutorEnvironment(workspace, Calls.REGISTRY, ProductOsConfig.empty(), Clock.systemUTC()));
        Calls.call(
                deploy,
                "cloudrun.deploy_service",
                Json.object()
                        .put("service_name", "web")
                        .put("repo", args[1])
                        .put("ref", "main")
                        .put("env", "dev")
                        .put("region", "local"),
                "run-child");
        RevisionProcess serving =
                ((LocalDeployBackend) deploy.backend()).servingProcess("web").orElseThrow();
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(serving.pid()));
        serving.process().toHandle().descendants().forEach(handle -> pids.add(Long.toString(handle.pid())));
        Path temp = Path.of(args[2] + ".tmp");
        Files.write(temp, pids);
        Files.move(temp, Path.of(args[2]));
        Thread.currentThread().join();
    }
}
