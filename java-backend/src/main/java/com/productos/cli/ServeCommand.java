package com.productos.cli;

import com.productos.app.Backend;
import com.productos.config.Workspace;
import com.productos.rpc.RpcServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos serve --stdio}: the editor extension's backend. stdout carries JSON-RPC frames and
 * nothing else; logs go to stderr and .productos/logs/backend.log. Exits on the exit notification, at
 * the end of stdin, or when the parent process dies.
 */
@Command(name = "serve", description = "Serve JSON-RPC with LSP framing on stdin/stdout for the editor extension.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--stdio", required = true, description = "Use stdin/stdout (the only transport).")
    boolean stdio;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Folder whose .productos/ holds runs and settings (default: current folder).")
    Path workspace = Path.of(".");

    @Override
    public Integer call() throws Exception {
        OutputStream protocolOut = StdioDiscipline.takeStdoutForProtocol();
        InputStream protocolIn = System.in;
        Workspace opened = Workspace.open(workspace);
        StdioDiscipline.teeStderrTo(opened.logsDir().resolve("backend.log"));
        ExecutorService blockingWork = Executors.newFixedThreadPool(8, Backend.daemonThreads("productos-rpc-work"));
        try (Backend backend = Backend.open(workspace, System.getenv())) {
            CountDownLatch stop = new CountDownLatch(1);
            RpcServer server = RpcServer.start(backend.controlPlane(), protocolIn, protocolOut, blockingWork, stop::countDown);
            Thread endOfInput = new Thread(() -> {
                try {
                    server.listening().get();
                } catch (Exception ignored) {
                    // Cancelled or failed listening ends the server all the same.
                }
                stop.countDown();
            }, "productos-stdin-watch");
            endOfInput.setDaemon(true);
            endOfInput.start();
            stop.await();
            LoggerFactory.getLogger(ServeCommand.class).info("stopping: the client exited or closed stdin");
            server.close();
            // As in LSP: exit after a shutdown request is a clean stop (0); anything else is not (1).
            return server.shutdownRequested() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
        } finally {
            blockingWork.shutdownNow();
        }
    }
}
