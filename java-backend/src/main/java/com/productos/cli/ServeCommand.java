package com.productos.cli;

import com.productos.app.Backend;
import com.productos.common.DaemonThreads;
import com.productos.config.Workspace;
import com.productos.daemon.BackendConnections;
import com.productos.daemon.DaemonFiles;
import com.productos.daemon.DaemonInfo;
import com.productos.daemon.DaemonLauncher;
import com.productos.daemon.StdioRelay;
import com.productos.rpc.RpcServer;
import com.productos.rpc.RpcServerOptions;
import com.productos.supervisor.Supervisor;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos serve --stdio}: the editor extension's backend. stdout carries JSON-RPC frames and
 * nothing else. By default it relays the editor to the workspace backend (started if none runs), so the
 * editor, the CLI and MCP share one backend's runs, approvals, services and schedules; with --no-daemon
 * it is the backend itself, as before, logging to stderr and .productos/logs/backend.log. Exits on the
 * exit notification, at the end of stdin, or when the parent process dies.
 */
@Command(name = "serve", description = "Serve JSON-RPC with LSP framing on stdin/stdout for the editor extension.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--stdio", required = true, description = "Use stdin/stdout (the only transport).")
    boolean stdio;

    @Option(
            names = "--workspace",
            paramLabel = "DIR",
            description = "Folder whose .productos/ holds runs and settings (default: current folder).")
    Path workspace = Path.of(".");

    @Option(
            names = "--no-daemon",
            description = "Be the backend in this process instead of relaying to the workspace backend.")
    boolean noDaemon;

    @Override
    public Integer call() throws Exception {
        OutputStream protocolOut = StdioDiscipline.takeStdoutForProtocol();
        if (BackendConnections.inProcessRequested(noDaemon, System.getenv())) return serveInProcess(protocolOut);
        DaemonFiles files = DaemonFiles.of(Workspace.open(workspace));
        SocketChannel backend = DaemonLauncher.connectOrStart(files);
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        log.info(
                "relaying to the workspace backend (pid {}; its log: {})",
                DaemonInfo.read(files.info()).map(DaemonInfo::pid).orElse(0L),
                files.log());
        // The editor may die without closing our stdin: then the relay ends, and the backend lets the editor's
        // connection go.
        CompletableFuture<Void> parentGone = ProcessHandle.current()
                .parent()
                .map(parent -> parent.onExit().<Void>thenApply(ignored -> null))
                .orElseGet(CompletableFuture::new);
        return new StdioRelay(System.in, protocolOut, backend).run(parentGone);
    }

    private int serveInProcess(OutputStream protocolOut) throws Exception {
        InputStream protocolIn = System.in;
        Workspace opened = Workspace.open(workspace);
        StdioDiscipline.teeStderrTo(opened.logsDir().resolve("backend.log"));
        ExecutorService blockingWork = Executors.newFixedThreadPool(8, DaemonThreads.named("productos-rpc-work"));
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        CountDownLatch stop = new CountDownLatch(1);
        // The backend loads while the client's initialize is already being answered.
        CompletableFuture<Backend> backend =
                CompletableFuture.supplyAsync(() -> Backend.open(workspace, System.getenv()), blockingWork);
        AtomicBoolean backendFailed = new AtomicBoolean();
        backend.whenComplete((ignored, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                log.error("the backend cannot start: {}", cause.getMessage());
                backendFailed.set(true);
                stop.countDown();
            }
        });
        CompletableFuture<Supervisor> supervisor = backend.thenApplyAsync(Backend::supervisor, blockingWork);
        // Turns paused on an approval resume when a person decides, also when another process decided it.
        supervisor.thenAccept(loop -> loop.reconcileEvery(java.time.Duration.ofSeconds(2)));
        RpcServer server = RpcServer.start(
                backend.thenApply(Backend::controlPlane),
                supervisor,
                protocolIn,
                protocolOut,
                blockingWork,
                stop::countDown,
                RpcServerOptions.defaults());
        try {
            Thread endOfInput = new Thread(
                    () -> {
                        try {
                            server.listening().get();
                        } catch (Exception ignored) {
                            // Cancelled or failed listening ends the server all the same.
                        }
                        stop.countDown();
                    },
                    "productos-stdin-watch");
            endOfInput.setDaemon(true);
            endOfInput.start();
            stop.await();
            log.info("stopping: the client exited or closed stdin");
            server.close();
            if (backendFailed.get()) return ExitCodes.USAGE;
            // As in LSP: exit after a shutdown request is a clean stop (0); anything else is not (1).
            return server.shutdownRequested() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        } finally {
            closeWhenOpened(backend, log);
            blockingWork.shutdown();
        }
    }

    /** Stops the executors (and any processes they run) before the JVM exits, even mid-start. */
    private static void closeWhenOpened(CompletableFuture<Backend> backend, Logger log) {
        try {
            backend.get(60, TimeUnit.SECONDS).close();
        } catch (ExecutionException failedToOpen) {
            // Nothing was opened.
        } catch (InterruptedException | TimeoutException e) {
            log.warn("the backend did not finish starting in time to be closed cleanly");
        }
    }
}
