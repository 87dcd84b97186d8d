package com.productos.deploy.local;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@value #FILE_NAME}, at the root of the service's build context, tells the local target how to
 * build, run and health-check the service. Commands run with {@code sh -c} in the revision's source
 * folder; the run command must listen on 127.0.0.1:$PORT.
 * <pre>
 * build: npm ci                 # optional
 * run: node server.js           # required
 * health_path: /healthz         # default /
 * health_timeout_seconds: 30    # default 30, at most 600
 * build_timeout_seconds: 300    # default 300, at most 3600
 * env: {LOG_LEVEL: info}        # optional, below the deploy's env_vars
 * pass_env: [ANALYTICS_TOKEN]   # optional: variables passed through by name: what the backend
 *                               # supplies itself (its embedded ingest URL and token), else its
 *                               # environment; read at each start and never stored
 * </pre>
 * Builds and revisions otherwise see only PATH, HOME, locale and proxy variables of the backend.
 */
public record ServiceManifest(
        String buildCommand,
        String runCommand,
        String healthPath,
        Duration healthTimeout,
        Duration buildTimeout,
        Map<String, String> env,
        List<String> passEnv) {
    public static final String FILE_NAME = "productos.service.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Reads the manifest of an exported tree; {@code origin} names the repo and ref in errors. */
    public static ServiceManifest read(Path sourceDir, String origin) throws ExecutorFailure {
        Path file = sourceDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw InputFields.invalid(
                    "/repo",
                    origin + " has no " + FILE_NAME + " in its build context; add one with at least"
                            + " 'run: <command that listens on $PORT>' (and optionally build, health_path)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw InputFields.invalid("/repo", FILE_NAME + " of " + origin + " is not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw invalid(origin, "must be a mapping with at least 'run'");
        String run = text(root, "run", origin);
        if (run == null) throw invalid(origin, "'run' is required: the command that starts the service on $PORT");
        String healthPath = text(root, "health_path", origin);
        if (healthPath == null) healthPath = "/";
        if (!healthPath.startsWith("/"))
            throw invalid(origin, "'health_path' must start with '/', was '" + healthPath + "'");
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("env").properties()) {
            if (!entry.getValue().isValueNode())
                throw invalid(origin, "env." + entry.getKey() + " must be a plain value");
            env.put(entry.getKey(), entry.getValue().asString());
        }
        List<String> passEnv = new ArrayList<>();
        JsonNode pass = root.path("pass_env");
        if (!pass.isMissingNode() && !pass.isNull() && !pass.isArray())
            throw invalid(origin, "'pass_env' must be a list of variable names");
        for (JsonNode name : pass) {
            if (!name.isString() || !name.asString().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invalid(origin, "'pass_env' entries must be environment variable names, found " + name);
            }
            passEnv.add(name.asString());
        }
        return new ServiceManifest(
                text(root, "build", origin),
                run,
                healthPath,
                seconds(root, "health_timeout_seconds", 30, 600, origin),
                seconds(root, "build_timeout_seconds", 300, 3600, origin),
                Map.copyOf(env),
                List.copyOf(passEnv));
    }

    private static String text(JsonNode root, String field, String origin) throws ExecutorFailure {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) return null;
        if (!value.isString() || value.asString().isBlank())
            throw invalid(origin, "'" + field + "' must be a non-empty string");
        return value.asString();
    }

    private static Duration seconds(JsonNode root, String field, int fallback, int max, String origin)
            throws ExecutorFailure {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) return Duration.ofSeconds(fallback);
        if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > max) {
            throw invalid(origin, "'" + field + "' must be a whole number of seconds from 1 to " + max);
        }
        return Duration.ofSeconds(value.asInt());
    }

    private static ExecutorFailure invalid(String origin, String problem) {
        return InputFields.invalid("/repo", FILE_NAME + " of " + origin + ": " + problem);
    }
}
