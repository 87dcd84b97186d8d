package com.productos.deploy.local;

import com.productos.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How to start a built revision again (rollback, backend restart) without its repo: saved as
 * {@code launch.json} in the revision folder when it is deployed. {@code workDir} is relative to the
 * revision folder. The env holds only the deploy's non-secret env_vars and the manifest's env; pass_env
 * holds names whose values are read from the backend's environment at each start.
 */
record LaunchSpec(
        String runCommand,
        String workDir,
        String healthPath,
        Duration healthTimeout,
        Map<String, String> env,
        List<String> passEnv) {
    static final String FILE_NAME = "launch.json";

    void save(Path revisionDir) throws IOException {
        ObjectNode root = Json.object()
                .put("run", runCommand)
                .put("work_dir", workDir)
                .put("health_path", healthPath)
                .put("health_timeout_seconds", healthTimeout.toSeconds());
        ObjectNode envNode = root.putObject("env");
        env.forEach(envNode::put);
        passEnv.forEach(root.putArray("pass_env")::add);
        Files.writeString(
                revisionDir.resolve(FILE_NAME),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static LaunchSpec load(Path revisionDir) throws IOException {
        JsonNode root = Json.parse(Files.readString(revisionDir.resolve(FILE_NAME)));
        Map<String, String> env = new LinkedHashMap<>();
        root.path("env")
                .properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asString()));
        List<String> passEnv = new ArrayList<>();
        root.path("pass_env").forEach(name -> passEnv.add(name.asString()));
        return new LaunchSpec(
                root.path("run").asString(),
                root.path("work_dir").asString(),
                root.path("health_path").asString(),
                Duration.ofSeconds(root.path("health_timeout_seconds").asLong()),
                Map.copyOf(env),
                List.copyOf(passEnv));
    }
}
