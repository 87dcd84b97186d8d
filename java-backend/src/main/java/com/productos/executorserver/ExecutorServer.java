package com.productos.executorserver;

import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorProtocol;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty server that serves every route of a list of executor modules. Handlers are chained as
 * wrappers: graceful stop, then {@code /healthz} (no auth), bearer auth, request size limit, and the
 * dispatcher that runs module handlers on a bounded pool under a timeout. Every answer is JSON in
 * the {@link ExecutorProtocol} envelope. The modules stay owned by the caller.
 */
public final class ExecutorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorServer.class);
    private final Server server;
    private final ServerConnector connector;
    private final GracefulHandler graceful;
    private final TimedWorkerPool pool;
    private final ExecutorServerSettings settings;
    private final List<String> executorNames;

    private ExecutorServer(
            Server server,
            ServerConnector connector,
            GracefulHandler graceful,
            TimedWorkerPool pool,
            ExecutorServerSettings settings,
            List<String> executorNames) {
        this.server = server;
        this.connector = connector;
        this.graceful = graceful;
        this.pool = pool;
        this.settings = settings;
        this.executorNames = executorNames;
    }

    /** Builds the server, not started. Two modules claiming one path is a programming error. */
    public static ExecutorServer newServer(ExecutorServerSettings settings, List<? extends ExecutorModule> modules) {
        Map<String, ExecutorHandler> routes = new LinkedHashMap<>();
        Map<String, String> owners = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (ExecutorModule module : modules) {
            names.add(module.executorName());
            module.routes().forEach((path, handler) -> {
                String owner = owners.putIfAbsent(path, module.executorName());
                if (owner != null) {
                    throw new IllegalArgumentException("executor path " + path + " is served by both '" + owner
                            + "' and '" + module.executorName() + "'");
                }
                routes.put(path, handler);
            });
        }
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("executor-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // no version banner for scanners
        http.setRequestHeaderSize(ExecutorServerSettings.MAX_REQUEST_HEADER_BYTES); // larger headers get 431
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // Short while the server waits for the client (request line, headers, body, keep-alive); the
        // dispatcher lengthens it for the handler's run, which the connection must outlive.
        connector.setIdleTimeout(settings.readIdleTimeout().toMillis());
        server.addConnector(connector);
        TimedWorkerPool pool =
                new TimedWorkerPool(settings.workerThreads(), settings.queueCapacity(), settings.requestTimeout());
        ExecutorDispatchHandler dispatch = new ExecutorDispatchHandler(
                routes,
                pool,
                settings.maxRequestBytes(),
                settings.readIdleTimeout().toMillis(),
                settings.requestTimeout().toMillis() + 30_000);
        GracefulHandler graceful = new GracefulHandler(new HealthCheckHandler(
                names,
                new BearerAuthHandler(
                        settings.auth(), new RequestSizeLimitHandler(settings.maxRequestBytes(), dispatch))));
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler());
        // Stopping waits for requests in flight through the GracefulHandler (see stop()); Jetty's own
        // graceful phase would also wait for idle keep-alive connections, which only costs time.
        server.setStopTimeout(0);
        return new ExecutorServer(server, connector, graceful, pool, settings, List.copyOf(names));
    }

    public ExecutorServer start() throws Exception {
        server.start();
        LOG.info("executors {} listening on {} (auth {})", executorNames, uri(), settings.auth());
        return this;
    }

    /** The bound port; meaningful once started (port 0 resolves to the one the system chose). */
    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    public List<String> executorNames() {
        return executorNames;
    }

    /** Stops accepting, lets requests in flight finish within the stop timeout, then stops the pool. */
    public void stop() {
        try {
            if (server.isStarted()) {
                // New requests get 503 from here on; those in flight may finish within the stop timeout.
                graceful.shutdown().get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            LOG.warn("executor requests still running after {}; stopping anyway", settings.stopTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("graceful stop failed: {}", e.toString());
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("executor server did not stop cleanly: {}", e.toString());
        } finally {
            pool.shutdown(settings.stopTimeout());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
