package com.productos.app;

import com.productos.analytics.AnalyticsModule;
import com.productos.common.KnownSecrets;
import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.executorclient.ExecutorEndpointResolver;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executorserver.ExecutorServer;
import com.productos.executorserver.ExecutorServerSettings;
import com.productos.executorserver.InboundAuth;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private EmbeddedExecutors(
            ExecutorEnvironment environment,
            List<ExecutorModule> modules,
            ExecutorServer server,
            Map<String, ExecutorEndpoint> embeddedEndpoints) {
        this.environment = environment;
        this.modules = modules;
        this.server = server;
        this.embeddedEndpoints = embeddedEndpoints;
    }

    public static EmbeddedExecutors start(ExecutorEnvironment environment) {
        return start(
                environment,
                ExecutorCatalog.embedded(),
                ExecutorServerSettings.loopback(InboundAuth.none())
                        .withRequestTimeout(environment.config().executorTimeout()));
    }

    /**
     * Starts {@code factories} that are not configured remotely. {@code settings} gives limits and
     * timeouts; host, port and auth are always loopback, ephemeral and a new random token.
     */
    public static EmbeddedExecutors start(
            ExecutorEnvironment environment, List<ExecutorModuleFactory> factories, ExecutorServerSettings settings) {
        // An executor configured remotely is not started in-process at all; one that fails to start
        // answers its calls with why, and the others serve.
        // Deployed services learn the embedded ingest endpoint from here, once the server listens.
        IngestVariables ingest = new IngestVariables();
        List<ExecutorModule> started = ExecutorModules.createAll(
                environment.withServiceVariables(ingest),
                factories,
                name -> environment.config().remoteExecutor(name).isEmpty());
        if (started.isEmpty()) return new EmbeddedExecutors(environment, List.of(), null, Map.of());
        try {
            String token = newToken();
            ExecutorServer server = ExecutorServer.newServer(
                    settings.withHost("127.0.0.1").withPort(0).withAuth(InboundAuth.bearer(token)), started);
            server.start();
            Map<String, ExecutorEndpoint> endpoints = new LinkedHashMap<>();
            for (ExecutorModule module : started) {
                endpoints.put(
                        module.executorName(),
                        new ExecutorEndpoint(module.executorName(), server.uri(), ExecutorAuth.BEARER, token));
            }
            boolean analyticsHere = started.stream()
                    .anyMatch(module -> module.executorName().equals(AnalyticsModule.NAME)
                            && !(module instanceof UnavailableExecutorModule));
            if (analyticsHere) ingest.listening(server.uri(), token);
            LOG.debug("embedded executors {} on {}", endpoints.keySet(), server.uri());
            return new EmbeddedExecutors(environment, started, server, Map.copyOf(endpoints));
        } catch (Exception e) {
            started.forEach(ExecutorModules::closeQuietly);
            throw new EmbeddedExecutorsException("cannot start the embedded executor server: " + e.getMessage(), e);
        }
    }

    /** Executor name to endpoint: the configured remote one, else the embedded one, else a clear error. */
    public ExecutorEndpoint endpointFor(String name) {
        return environment
                .config()
                .remoteExecutor(name)
                .or(() -> Optional.ofNullable(embeddedEndpoints.get(name)))
                .orElseThrow(() -> notRunning(name));
    }

    /** The error for an executor that runs neither here nor at a configured URL, saying what to set. */
    static ExecutorCallException notRunning(String name) {
        return new ExecutorCallException(
                ErrorCode.ExecutorUnavailable,
                "executor '" + name
                        + "' does not run embedded and has no URL configured; set executors." + name
                        + ".url in .productos/config.yaml or PRODUCTOS_EXECUTOR_" + name.toUpperCase(Locale.ROOT)
                        + "_URL",
                null);
    }

    public ExecutorEndpointResolver resolver() {
        return this::endpointFor;
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
        modules.forEach(ExecutorModules::closeQuietly);
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        KnownSecrets.add(token);
        return token;
    }

    /** The embedded executor server could not start; the message says why. */
    public static final class EmbeddedExecutorsException extends RuntimeException {
        EmbeddedExecutorsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
