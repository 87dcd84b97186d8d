package com.productos.config;

import com.productos.common.KnownSecrets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Settings from {@code .productos/config.yaml}, with environment variables taking precedence:
 * {@code PRODUCTOS_EXECUTOR_<NAME>_URL}, {@code _AUTH} and {@code _TOKEN}. An executor with no URL
 * configured runs embedded, in-process.
 *
 * <pre>
 * executors:
 *   analytics:
 *     url: https://analytics-executor-abc.a.run.app
 *     auth: google_id_token          # bearer | google_id_token | none
 *     token_env: ANALYTICS_TOKEN     # for bearer: the variable that holds the token
 * http:
 *   timeout_seconds: 60
 * </pre>
 *
 * Other top-level sections (analytics, deploy, marketing, ...) belong to the executors and are read
 * through {@link #section(String)}.
 */
public final class ProductOsConfig {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** Executor names as they were, which config.yaml files and environments may still use. */
    private static final Map<String, String> FORMER_NAMES = Map.of("brand", "firestore");

    private final JsonNode root;
    private final Map<String, String> environment;

    private ProductOsConfig(JsonNode root, Map<String, String> environment) {
        this.root = root == null || root.isNull() ? MissingNode.getInstance() : root;
        this.environment = Map.copyOf(environment);
    }

    public static ProductOsConfig load(Workspace workspace, Map<String, String> environment) {
        Path file = workspace.configFile();
        if (!Files.exists(file)) return new ProductOsConfig(null, environment);
        try {
            return new ProductOsConfig(YAML.readTree(Files.readString(file)), environment);
        } catch (IOException | JacksonException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage() + "; fix or remove the file");
        }
    }

    public static ProductOsConfig empty() {
        return new ProductOsConfig(null, Map.of());
    }

    public static ProductOsConfig of(JsonNode root, Map<String, String> environment) {
        return new ProductOsConfig(root, environment);
    }

    /** An executor-owned section of the config, or a missing node. */
    public JsonNode section(String name) {
        return root.path(name);
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    public Duration executorTimeout() {
        long seconds = root.path("http").path("timeout_seconds").asLong(300);
        if (seconds < 1) throw new ConfigException("http.timeout_seconds in config.yaml must be at least 1");
        return Duration.ofSeconds(seconds);
    }

    /**
     * The remote endpoint configured for an executor, or empty when it should run embedded. An executor
     * that was renamed is still found under its former name ({@link #FORMER_NAMES}) when the new one is
     * not configured.
     */
    public Optional<ExecutorEndpoint> remoteExecutor(String name) {
        Optional<ExecutorEndpoint> configured = remoteExecutor(name, name);
        String former = FORMER_NAMES.get(name);
        return configured.isPresent() || former == null ? configured : remoteExecutor(name, former);
    }

    /** Reads the settings of executor {@code name} from the config keys and variables of {@code configuredAs}. */
    private Optional<ExecutorEndpoint> remoteExecutor(String name, String configuredAs) {
        String prefix = "PRODUCTOS_EXECUTOR_" + configuredAs.toUpperCase(Locale.ROOT) + "_";
        JsonNode node = root.path("executors").path(configuredAs);
        Optional<String> url = env(prefix + "URL").or(() -> text(node, "url"));
        if (url.isEmpty()) return Optional.empty();
        URI uri;
        try {
            uri = URI.create(url.get().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("executor '" + name + "' URL '" + url.get() + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigException("executor '" + name + "' URL must start with http:// or https://, was " + uri);
        }
        String authText = env(prefix + "AUTH")
                .or(() -> text(node, "auth"))
                .orElse(isCloudRun(uri) ? "google_id_token" : "bearer");
        ExecutorAuth auth = ExecutorAuth.parse(authText)
                .orElseThrow(() -> new ConfigException("executor '" + name + "' auth '" + authText
                        + "' is unknown; use bearer, google_id_token or none"));
        String token = null;
        if (auth == ExecutorAuth.BEARER) {
            String tokenVariable = text(node, "token_env").orElse(prefix + "TOKEN");
            token = env(tokenVariable)
                    .orElseThrow(() -> new ConfigException("executor '" + name + "' uses bearer auth but "
                            + tokenVariable + " is not set; set it to the executor's token"));
            KnownSecrets.add(token);
        }
        return Optional.of(new ExecutorEndpoint(name, uri, auth, token));
    }

    private static boolean isCloudRun(URI uri) {
        return "https".equals(uri.getScheme())
                && uri.getHost() != null
                && uri.getHost().endsWith(".run.app");
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? Optional.of(value.asString()) : Optional.empty();
    }

    public Map<String, String> environment() {
        return new HashMap<>(environment);
    }
}
