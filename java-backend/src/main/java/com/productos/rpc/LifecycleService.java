package com.productos.rpc;

import com.productos.rpc.protocol.InitializeParams;
import com.productos.rpc.protocol.InitializeResult;
import com.productos.rpc.protocol.LifecycleProtocol;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** initialize, shutdown and exit. Nothing here touches the store, so it answers on the reader thread. */
final class LifecycleService implements LifecycleProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleService.class);

    private final InitializeResult initializeResult;
    private final AtomicBoolean shutDown;
    private final LongConsumer watchClientProcess;
    private final Runnable onExit;

    LifecycleService(
            InitializeResult initializeResult,
            AtomicBoolean shutDown,
            LongConsumer watchClientProcess,
            Runnable onExit) {
        this.initializeResult = initializeResult;
        this.shutDown = shutDown;
        this.watchClientProcess = watchClientProcess;
        this.onExit = onExit;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params != null) {
            if (params.processId() != null) {
                if (params.processId() <= 0) {
                    throw new IllegalArgumentException(
                            "params.processId must be a positive process id, was " + params.processId());
                }
                watchClientProcess.accept(params.processId());
            }
            String client = params.clientInfo() == null
                    ? "an unnamed client"
                    : params.clientInfo().name() + " " + params.clientInfo().version();
            LOG.info("initialized by {} (pid {}, workspace {})", client, params.processId(), params.workspaceFolder());
        }
        return CompletableFuture.completedFuture(initializeResult);
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutDown.set(true);
        LOG.info("shutdown requested; waiting for exit");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        LOG.info("exit requested");
        onExit.run();
    }
}
