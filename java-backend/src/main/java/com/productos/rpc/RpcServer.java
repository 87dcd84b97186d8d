package com.productos.rpc;

import com.productos.common.DaemonThreads;
import com.productos.control.ControlPlane;
import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.rpc.protocol.InitializeResult;
import com.productos.rpc.protocol.ProductOsClient;
import com.productos.rpc.protocol.RpcMethods;
import com.productos.rpc.protocol.ServerCapabilities;
import com.productos.rpc.protocol.ServerInfo;
import com.productos.supervisor.Supervisor;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backend's JSON-RPC server over one pair of streams (stdin/stdout under {@code serve --stdio}),
 * with LSP framing. One reader thread parses frames and dispatches; requests that touch the control
 * plane or the store run on {@code blockingWork}; run progress goes out as notifications through a
 * listener on the control plane. {@link #listening()} completes when the input ends.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    public static final String SERVER_NAME = "productos-backend";

    private final CompletableFuture<ControlPlane> controlPlane;
    private final RunNotifier notifier;
    private final CompletableFuture<Supervisor> supervisor;
    private final SupervisorNotifier chat;
    private final ExecutorService reader;
    private final Future<Void> listening;
    private final AtomicReference<ParentProcessWatcher> watcher;
    private final AtomicBoolean shutDown;
    private final AtomicBoolean closed;

    private RpcServer(
            CompletableFuture<ControlPlane> controlPlane,
            RunNotifier notifier,
            CompletableFuture<Supervisor> supervisor,
            SupervisorNotifier chat,
            ExecutorService reader,
            Future<Void> listening,
            AtomicReference<ParentProcessWatcher> watcher,
            AtomicBoolean shutDown,
            AtomicBoolean closed) {
        this.controlPlane = controlPlane;
        this.notifier = notifier;
        this.supervisor = supervisor;
        this.chat = chat;
        this.reader = reader;
        this.listening = listening;
        this.watcher = watcher;
        this.shutDown = shutDown;
        this.closed = closed;
    }

    /** {@link #start(ControlPlane, InputStream, OutputStream, ExecutorService, Runnable, RpcServerOptions)} with defaults. */
    public static RpcServer start(
            ControlPlane controlPlane,
            InputStream in,
            OutputStream out,
            ExecutorService blockingWork,
            Runnable onExit) {
        return start(controlPlane, in, out, blockingWork, onExit, RpcServerOptions.defaults());
    }

    /**
     * Starts serving at once on a new daemon reader thread.
     *
     * @param blockingWork runs every request that touches the control plane or the store; owned by the caller
     * @param onExit called at most once: on the {@code exit} notification, or when the watched parent
     *     process (the client's processId from initialize, else this process's parent) is gone
     */
    public static RpcServer start(
            ControlPlane controlPlane,
            InputStream in,
            OutputStream out,
            ExecutorService blockingWork,
            Runnable onExit,
            RpcServerOptions options) {
        return start(CompletableFuture.completedFuture(controlPlane), in, out, blockingWork, onExit, options);
    }

    /**
     * Starts serving before the control plane exists, so the client's {@code initialize} is answered
     * while the backend is still loading; every other request waits for {@code controlPlane}.
     */
    public static RpcServer start(
            CompletableFuture<ControlPlane> controlPlane,
            InputStream in,
            OutputStream out,
            ExecutorService blockingWork,
            Runnable onExit,
            RpcServerOptions options) {
        return start(
                controlPlane,
                CompletableFuture.failedFuture(
                        new ToolCallException(ErrorCode.MethodNotFound, "this backend runs without the supervisor")),
                in,
                out,
                blockingWork,
                onExit,
                options);
    }

    /** As above, with the supervisor's chat sessions (supervisor/*, sessions/* and supervisor/event). */
    public static RpcServer start(
            CompletableFuture<ControlPlane> controlPlane,
            CompletableFuture<Supervisor> supervisor,
            InputStream in,
            OutputStream out,
            ExecutorService blockingWork,
            Runnable onExit,
            RpcServerOptions options) {
        Lsp4jLogBridge.install();
        AtomicBoolean exited = new AtomicBoolean();
        Runnable exitOnce = () -> {
            if (exited.compareAndSet(false, true)) onExit.run();
        };
        AtomicReference<ParentProcessWatcher> watcher = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        if (options.watchParentProcess()) {
            ProcessHandle.current()
                    .parent()
                    .ifPresent(parent -> watcher.set(
                            ParentProcessWatcher.watch(parent.pid(), options.parentPollInterval(), exitOnce)));
        }
        AtomicBoolean shutDown = new AtomicBoolean();
        LifecycleService lifecycle = new LifecycleService(
                initializeResult(options),
                shutDown,
                pid -> {
                    if (closed.get()) return;
                    ParentProcessWatcher previous =
                            watcher.getAndSet(ParentProcessWatcher.watch(pid, options.parentPollInterval(), exitOnce));
                    if (previous != null) previous.close();
                },
                exitOnce);
        RunNotifier notifier = new RunNotifier();
        ProductOsEndpoint endpoint = new ProductOsEndpoint(
                lifecycle,
                new RegistryService(controlPlane.thenApply(ControlPlane::registry)),
                new RunsService(controlPlane, blockingWork, notifier),
                new ApprovalsService(controlPlane, blockingWork),
                new SupervisorService(supervisor, blockingWork),
                new SessionsService(supervisor, blockingWork));

        ExecutorService reader = Executors.newSingleThreadExecutor(DaemonThreads.named("productos-rpc-reader"));
        Launcher<ProductOsClient> launcher = new RpcLauncherBuilder(shutDown, options.maxMessageBytes())
                .setLocalService(endpoint)
                .setRemoteInterface(ProductOsClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(reader)
                .setExceptionHandler(new RpcExceptionHandler())
                .configureGson(gson -> gson.disableHtmlEscaping().registerTypeAdapterFactory(new FieldPathAdapters()))
                .create();
        notifier.connect(launcher.getRemoteProxy());
        controlPlane.thenAccept(plane -> plane.addListener(notifier));
        SupervisorNotifier chat = new SupervisorNotifier(launcher.getRemoteProxy());
        supervisor.thenAccept(loop -> loop.addListener(chat));
        Future<Void> listening = launcher.startListening();
        LOG.info("serving JSON-RPC (max message {} bytes)", options.maxMessageBytes());
        return new RpcServer(controlPlane, notifier, supervisor, chat, reader, listening, watcher, shutDown, closed);
    }

    private static InitializeResult initializeResult(RpcServerOptions options) {
        return new InitializeResult(
                new ServerInfo(SERVER_NAME, options.serverVersion()),
                RpcMethods.PROTOCOL_VERSION,
                RpcMethods.REQUESTS,
                RpcMethods.CLIENT_NOTIFICATIONS,
                RpcMethods.NOTIFICATIONS,
                new ServerCapabilities(options.maxMessageBytes(), RunsService.CLIENT_ACTORS, true, true, true));
    }

    /** Completes when the input stream ends (or the framing broke beyond recovery). */
    public Future<Void> listening() {
        return listening;
    }

    /** True once the client sent {@code shutdown}: as in LSP, an exit before it means exit code 1, after it 0. */
    public boolean shutdownRequested() {
        return shutDown.get();
    }

    /** The process whose death ends this server, if any is watched. */
    public OptionalLong watchedProcessId() {
        ParentProcessWatcher current = watcher.get();
        return current == null ? OptionalLong.empty() : OptionalLong.of(current.pid());
    }

    /** Stops notifications, parent watching and reading. Does not close the streams or blockingWork. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        controlPlane.thenAccept(plane -> plane.removeListener(notifier));
        supervisor.thenAccept(loop -> loop.removeListener(chat));
        ParentProcessWatcher current = watcher.getAndSet(null);
        if (current != null) current.close();
        listening.cancel(true);
        reader.shutdownNow();
    }
}
