package com.productos.daemon;

import com.productos.app.Backend;
import com.productos.common.DaemonThreads;
import com.productos.config.Workspace;
import com.productos.rpc.RpcServer;
import com.productos.rpc.RpcServerOptions;
import com.productos.supervisor.Supervisor;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace backend process ({@code productos backend run}): one {@link Backend} for the workspace,
 * served over JSON-RPC to every client that connects to its Unix socket (commands, the editor through
 * {@code serve --stdio}, MCP), so they share its runs, approvals, services and schedules. It holds
 * {@code backend.lock} while it lives, so a second one on the same workspace gives way; it stops on
 * SIGTERM ({@code productos backend stop}) and after {@code idleTimeout} with nothing to do
 * ({@link BusyReasons}), stopping every service it runs on the way out.
 */
public final class WorkspaceDaemon {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceDaemon.class);
    /** Exit code when another backend already serves the workspace. */
    public static final int ALREADY_RUNNING = 0;
    /** Exit code when the backend cannot start for a reason it has explained on its output (the log). */
    public static final int CANNOT_START = 2;

    private final DaemonFiles files;
    private final Backend backend;
    private final ServerSocketChannel server;
    private final Duration idleTimeout;
    private final ExecutorService blockingWork =
            Executors.newFixedThreadPool(8, DaemonThreads.named("productos-backend-work"));
    private final ExecutorService connectionThreads =
            Executors.newCachedThreadPool(DaemonThreads.named("productos-backend-connection"));
    private final ScheduledExecutorService housekeeping =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("productos-backend-idle"));
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong lastBusyNanos = new AtomicLong(System.nanoTime());
    private final String owner;
    private volatile String stopReason = "stopped";
    /** The busy reasons of the last idle check, read and written by the housekeeping thread only. */
    private List<String> lastReasons;

    private WorkspaceDaemon(
            DaemonFiles files, Backend backend, ServerSocketChannel server, Duration idleTimeout, String owner) {
        this.files = files;
        this.backend = backend;
        this.server = server;
        this.idleTimeout = idleTimeout;
        this.owner = owner;
    }

    /**
     * Runs the backend of {@code workspace} until stopped; returns the process exit code. A backend that
     * cannot start (say a damaged store) logs one line saying why and returns 2.
     */
    public static int run(Workspace workspace, Map<String, String> environment, Duration idleTimeout, String version)
            throws IOException {
        DaemonFiles files = DaemonFiles.of(workspace);
        files.prepare();
        files.checkSocketFolderOwner();
        try (FileChannel lockFile =
                FileChannel.open(files.lifeLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock life = lockFile.tryLock();
            if (life == null) {
                LOG.info("another backend already serves {}; this one is not needed", workspace.root());
                return ALREADY_RUNNING;
            }
            Backend backend;
            try {
                backend = Backend.open(workspace.root(), environment);
            } catch (RuntimeException e) {
                System.err.println("productos: the workspace backend cannot start: " + e.getMessage());
                return CANNOT_START;
            }
            DaemonInfo info = DaemonInfo.current(files, version, idleTimeout.toSeconds());
            ServerSocketChannel server;
            try {
                info.write(files.info());
                server = LocalChannel.bind(files.socket());
            } catch (IOException | RuntimeException e) {
                backend.close();
                System.err.println(
                        "productos: the workspace backend cannot listen on " + files.socket() + ": " + e.getMessage());
                return CANNOT_START;
            }
            WorkspaceDaemon daemon = new WorkspaceDaemon(files, backend, server, idleTimeout, info.owner());
            Thread hook = new Thread(() -> daemon.stopAndWait("stop requested (SIGTERM)"), "productos-backend-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.serve();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is what stopped us.
            }
            return 0;
        }
    }

    private void serve() {
        LOG.info(
                "workspace backend pid {} serving {} on {} (idle timeout {})",
                ProcessHandle.current().pid(),
                files.workspace().root(),
                files.socket(),
                idleTimeout.isZero() ? "none" : idleTimeout.toSeconds() + " s");
        BusyReasons busy = new BusyReasons(
                connections::size, backend.controlPlane(), files.workspace().executorStore("marketing"));
        long tickMillis = idleTimeout.isZero() ? 30_000 : Math.max(200, Math.min(30_000, idleTimeout.toMillis() / 4));
        housekeeping.scheduleWithFixedDelay(() -> checkIdle(busy), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        Thread acceptor = new Thread(this::acceptLoop, "productos-backend-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutDown();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException closing) {
                return;
            } catch (IOException e) {
                LOG.warn("cannot accept a connection: {}", e.getMessage());
                continue;
            }
            connections.add(channel);
            lastBusyNanos.set(System.nanoTime());
            connectionThreads.execute(() -> serveConnection(channel));
        }
    }

    /** One client: the backend's RPC server over the socket, until the client leaves or says exit. */
    private void serveConnection(SocketChannel channel) {
        Runnable hangUp = () -> closeQuietly(channel);
        // The supervisor lives as long as this backend: every client's chat sessions are its sessions, and a
        // turn parked for an approval goes on when a person decides it from any client.
        CompletableFuture<Supervisor> supervisor = CompletableFuture.supplyAsync(
                () -> {
                    Supervisor loop = backend.supervisor();
                    loop.reconcileEvery(Duration.ofSeconds(2));
                    return loop;
                },
                blockingWork);
        RpcServer rpc = RpcServer.start(
                CompletableFuture.completedFuture(backend.controlPlane()),
                supervisor,
                ChannelStreams.in(channel),
                ChannelStreams.out(channel),
                blockingWork,
                hangUp,
                RpcServerOptions.defaults().withParentWatch(false, Duration.ofSeconds(3)));
        try {
            rpc.listening().get();
        } catch (Exception ended) {
            // The client closed the connection or the connection broke: either way it is over.
        } finally {
            rpc.close();
            closeQuietly(channel);
            connections.remove(channel);
            lastBusyNanos.set(System.nanoTime());
        }
    }

    private void checkIdle(BusyReasons busy) {
        try {
            files.workspace().tightenState();
            List<String> reasons = busy.now();
            if (!reasons.equals(lastReasons)) {
                // One line per change, so the log says why the backend is still up (or that it may stop).
                if (reasons.isEmpty()) {
                    LOG.info(
                            "nothing to do: no client, run, service or scheduled post{}",
                            idleTimeout.isZero() ? "" : "; stops after " + idleTimeout.toSeconds() + " s like this");
                } else {
                    LOG.info("staying up: {}", String.join(", ", reasons));
                }
                lastReasons = reasons;
            }
            if (!reasons.isEmpty()) {
                lastBusyNanos.set(System.nanoTime());
                return;
            }
            if (idleTimeout.isZero()) return;
            long idleNanos = System.nanoTime() - lastBusyNanos.get();
            if (idleNanos >= idleTimeout.toNanos()) {
                stopRequest("idle for " + TimeUnit.NANOSECONDS.toSeconds(idleNanos)
                        + " s with no client, run, service or" + " scheduled post");
            }
        } catch (RuntimeException e) {
            LOG.warn("idle check failed: {}", e.getMessage());
        }
    }

    private void stopRequest(String reason) {
        if (stopRequested.getCount() == 0) return;
        stopReason = reason;
        stopRequested.countDown();
    }

    /** From the shutdown hook: ask the main thread to stop, and hold the JVM until it has (bounded). */
    private void stopAndWait(String reason) {
        stopRequest(reason);
        try {
            if (!stopped.await(60, TimeUnit.SECONDS)) LOG.warn("the backend did not stop within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDown() {
        LOG.info("workspace backend stopping: {}", stopReason);
        try {
            housekeeping.shutdownNow();
            closeQuietly(server);
            connections.forEach(WorkspaceDaemon::closeQuietly);
            backend.close();
            connectionThreads.shutdownNow();
            blockingWork.shutdown();
        } finally {
            try {
                Files.deleteIfExists(files.socket());
            } catch (IOException ignored) {
                // A stale socket is replaced by the next backend.
            }
            DaemonInfo.removeIfOwn(files.info(), owner);
            LOG.info("workspace backend stopped");
            stopped.countDown();
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already closed or broken.
        }
    }
}
