package com.productos.executors;

import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executors that run in-process: every module of the catalog whose executor is not configured
 * remotely, served by one {@link ExecutorServer} on 127.0.0.1 with an ephemeral port and a fresh
 * random token, so every call still takes the real HTTP path. {@link #resolver()} sends each
 * executor name to its remote endpoint when one is configured, else to this server.
 */
public final class EmbeddedExecutors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedExecutors.class);
    private final ExecutorEnvironment environment;
    private final List<ExecutorModule> modules;
    private final ExecutorServer server;
    private final Map<String, ExecutorEndpoint> embeddedEndpoints;

    private EmbeddedExecutors(ExecutorEnvironment environment, List<ExecutorModule> modules, ExecutorServer server,
            Map<String, ExecutorEndpoint> embeddedEndpoints) {
        this.environment = environment;
        this.modules = modules;
        this.server = server;
        this.embeddedEndpoints = embeddedEndpoints;
    }

    public static EmbeddedExecutors start(ExecutorEnvironment environment) {
        return start(environment, ExecutorCatalog.embedded(), ExecutorServerSettings.loopback(InboundAuth.none())
                .withRequestTimeout(environment.config().executorTimeout()));
    }

    /**
     * Starts {@code factories} that are not configured remotely. {@code settings} gives limits and
     * timeouts; host, port and auth are always loopback, ephemeral and a new random token.
     */
    public static EmbeddedExecutors start(ExecutorEnvironment environment, List<ExecutorModuleFactory> factories,
            ExecutorServerSettings settings) {
        List<ExecutorModule> started = new ArrayList<>();
        try {
            for (ExecutorModuleFactory factory : factories) {
                String knownName = factory.executorName();
                if (knownName != null && environment.config().remoteExecutor(knownName).isPresent()) continue;
                ExecutorModule module = create(factory, environment);
                started.add(module);
                if (environment.config().remoteExecutor(module.executorName()).isPresent()) {
                    // Configured remotely: this process does not serve it.
                    started.remove(module);
                    closeQuietly(module);
                }
            }
            if (started.isEmpty()) return new EmbeddedExecutors(environment, List.of(), null, Map.of());
            String token = newToken();
            ExecutorServer server = ExecutorServer.newServer(
                    settings.withHost("127.0.0.1").withPort(0).withAuth(InboundAuth.bearer(token)), started);
            server.start();
            Map<String, ExecutorEndpoint> endpoints = new LinkedHashMap<>();
            for (ExecutorModule module : started) {
                endpoints.put(module.executorName(),
                        new ExecutorEndpoint(module.executorName(), server.uri(), ExecutorAuth.BEARER, token));
            }
            LOG.info("embedded executors {} on {}", endpoints.keySet(), server.uri());
            return new EmbeddedExecutors(environment, List.copyOf(started), server, Map.copyOf(endpoints));
        } catch (Exception | LinkageError e) {
            started.forEach(EmbeddedExecutors::closeQuietly);
            if (e instanceof EmbeddedExecutorsException known) throw known;
            throw new EmbeddedExecutorsException("cannot start the embedded executors: " + e.getMessage(), e);
        }
    }

    private static ExecutorModule create(ExecutorModuleFactory factory, ExecutorEnvironment environment) {
        try {
            ExecutorModule module = factory.create(environment);
            if (module == null) throw new IllegalStateException("the factory returned no module");
            return module;
        } catch (Exception e) {
            throw new EmbeddedExecutorsException("cannot start an embedded executor module (" + factory + "): "
                    + e.getMessage(), e);
        }
    }

    /** Executor name to endpoint: the configured remote one, else the embedded one, else a clear error. */
    public ExecutorEndpointResolver resolver() {
        return name -> environment.config().remoteExecutor(name)
                .or(() -> Optional.ofNullable(embeddedEndpoints.get(name)))
                .orElseThrow(() -> new ExecutorCallException(ErrorCode.ExecutorUnavailable, "executor '" + name
                        + "' does not run embedded and has no URL configured; set executors." + name
                        + ".url in .productos/config.yaml or PRODUCTOS_EXECUTOR_" + name.toUpperCase(java.util.Locale.ROOT)
                        + "_URL", null));
    }

    /** The names served in this process. */
    public List<String> embeddedExecutorNames() {
        return List.copyOf(embeddedEndpoints.keySet());
    }

    /** The embedded server, if any module runs embedded. */
    public Optional<ExecutorServer> server() {
        return Optional.ofNullable(server);
    }

    @Override
    public void close() {
        if (server != null) server.stop();
        modules.forEach(EmbeddedExecutors::closeQuietly);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void closeQuietly(ExecutorModule module) {
        try {
            module.close();
        } catch (Exception e) {
            LOG.warn("executor module '{}' did not close cleanly: {}", module.executorName(), e.toString());
        }
    }

    /** The embedded executors could not start; the message names the module and the cause. */
    public static final class EmbeddedExecutorsException extends RuntimeException {
        EmbeddedExecutorsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
