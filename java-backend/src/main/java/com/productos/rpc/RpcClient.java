package com.productos.rpc;

import com.productos.control.ErrorCode;
import com.productos.control.RunEventListener;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.rpc.protocol.ApprovalRequestedParams;
import com.productos.rpc.protocol.DomainRecords;
import com.productos.rpc.protocol.ProductOsClient;
import com.productos.rpc.protocol.ProductOsServer;
import com.productos.rpc.protocol.RunInfo;
import com.productos.rpc.protocol.RunLogInfo;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the backend's protocol, for a process that talks to the workspace backend (the CLI,
 * later MCP). Requests go through {@link #server()}; {@link #await} turns an error answer back into the
 * {@link ToolCallException} the backend threw, and a closed connection into {@link RpcConnectionLost};
 * notifications arrive at the listener as the backend's own records.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);

    private final ProductOsServer server;
    private final ExecutorService reader;
    private final Future<Void> listening;
    private final CompletableFuture<Void> closed;

    private RpcClient(
            ProductOsServer server, ExecutorService reader, Future<Void> listening, CompletableFuture<Void> closed) {
        this.server = server;
        this.reader = reader;
        this.listening = listening;
        this.closed = closed;
    }

    public static RpcClient connect(InputStream in, OutputStream out, RunEventListener listener) {
        Lsp4jLogBridge.install();
        ExecutorService reader = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "productos-rpc-client");
            thread.setDaemon(true);
            return thread;
        });
        Launcher<ProductOsServer> launcher = new Launcher.Builder<ProductOsServer>()
                .setLocalService(new Notifications(listener))
                .setRemoteInterface(ProductOsServer.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(reader)
                .configureGson(gson -> gson.disableHtmlEscaping())
                .create();
        Future<Void> listening = launcher.startListening();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        reader.execute(() -> {
            try {
                listening.get();
            } catch (Exception ended) {
                // Cancelled or broken: the connection is over either way.
            }
            closed.complete(null);
        });
        return new RpcClient(launcher.getRemoteProxy(), reader, listening, closed);
    }

    public ProductOsServer server() {
        return server;
    }

    /** Completes when the other end closed the connection. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Waits for an answer: the result, the backend's refusal as a ToolCallException, or RpcConnectionLost. */
    public <T> T await(CompletableFuture<T> call, Duration timeout) throws TimeoutException, InterruptedException {
        CompletableFuture<Object> either = CompletableFuture.anyOf(call, closed);
        try {
            either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw refusal(RpcExceptionHandler.unwrap(e));
        }
        if (!call.isDone()) throw new RpcConnectionLost("the backend closed the connection before it answered");
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw refusal(RpcExceptionHandler.unwrap(e));
        }
    }

    private static RuntimeException refusal(Throwable cause) {
        if (cause instanceof ResponseErrorException answered) {
            ResponseError error = answered.getResponseError();
            ErrorCode code = ErrorCode.InternalError;
            for (ErrorCode candidate : ErrorCode.values()) {
                if (candidate.code() == error.getCode()) code = candidate;
            }
            Object data = error.getData();
            return new ToolCallException(code, error.getMessage(), data == null ? null : Json.parse(data.toString()));
        }
        if (cause instanceof RuntimeException runtime) return runtime;
        return new RpcConnectionLost("the connection to the backend failed: " + cause.getMessage());
    }

    @Override
    public void close() {
        listening.cancel(true);
        reader.shutdownNow();
    }

    /** Passes the backend's notifications on as records; a listener that fails does not break the connection. */
    private record Notifications(RunEventListener listener) implements ProductOsClient {
        @Override
        public void updated(RunInfo run) {
            try {
                listener.runUpdated(DomainRecords.run(run));
            } catch (RuntimeException e) {
                LOG.warn("a run update could not be handled: {}", e.getMessage());
            }
        }

        @Override
        public void log(RunLogInfo line) {
            try {
                listener.runLog(DomainRecords.log(line));
            } catch (RuntimeException e) {
                LOG.warn("a run log line could not be handled: {}", e.getMessage());
            }
        }

        /** Commands on this connection do not follow supervisor turns; chat and ask host their own supervisor. */
        @Override
        public void event(com.google.gson.JsonObject event) {}

        @Override
        public void requested(ApprovalRequestedParams params) {
            try {
                listener.approvalRequested(DomainRecords.approval(params.approval()), DomainRecords.run(params.run()));
            } catch (RuntimeException e) {
                LOG.warn("an approval request could not be handled: {}", e.getMessage());
            }
        }
    }
}
