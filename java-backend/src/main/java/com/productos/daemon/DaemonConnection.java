package com.productos.daemon;

import com.productos.control.CallRequest;
import com.productos.control.RunEventListener;
import com.productos.policy.Policy;
import com.productos.rpc.RpcClient;
import com.productos.rpc.RpcConnectionLost;
import com.productos.rpc.protocol.ClientInfo;
import com.productos.rpc.protocol.DecideApprovalParams;
import com.productos.rpc.protocol.DomainRecords;
import com.productos.rpc.protocol.InitializeParams;
import com.productos.rpc.protocol.JsonBridge;
import com.productos.rpc.protocol.ListApprovalsParams;
import com.productos.rpc.protocol.ListRunsParams;
import com.productos.rpc.protocol.ListRunsResult;
import com.productos.rpc.protocol.RunIdParams;
import com.productos.rpc.protocol.StartRunParams;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A command's connection to its workspace's backend process, over the backend's own JSON-RPC protocol on
 * the workspace's Unix socket. Runs settle through the runs/updated notifications the backend sends to
 * every connection; a connection that breaks fails whatever waits on it with {@link BackendGone}.
 */
public final class DaemonConnection implements BackendConnection {
    /** Requests other than waiting for a run answer at once; this only bounds a wedged backend. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final SocketChannel channel;
    private final RpcClient client;
    private final long backendPid;
    private final Supplier<Policy> policy;
    private final Map<String, CompletableFuture<Run>> waiting = new ConcurrentHashMap<>();
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();

    private DaemonConnection(SocketChannel channel, long backendPid, Supplier<Policy> policy) {
        this.channel = channel;
        this.backendPid = backendPid;
        this.policy = policy;
        this.client =
                RpcClient.connect(ChannelStreams.in(channel), ChannelStreams.out(channel), new RunEventListener() {
                    @Override
                    public void runUpdated(Run run) {
                        if (settled(run)) {
                            CompletableFuture<Run> waiter = waiting.get(run.id());
                            if (waiter != null) waiter.complete(run);
                        }
                        listeners.forEach(listener -> listener.runUpdated(run));
                    }

                    @Override
                    public void runLog(com.productos.runs.RunLogLine line) {
                        listeners.forEach(listener -> listener.runLog(line));
                    }

                    @Override
                    public void approvalRequested(Approval approval, Run run) {
                        listeners.forEach(listener -> listener.approvalRequested(approval, run));
                    }
                });
        client.closed().thenRun(() -> waiting.values().forEach(waiter -> waiter.completeExceptionally(gone())));
    }

    /** Connects over an open channel and says hello (initialize, with this process's pid to watch). */
    static DaemonConnection open(SocketChannel channel, long backendPid, Supplier<Policy> policy, String clientName) {
        DaemonConnection connection = new DaemonConnection(channel, backendPid, policy);
        try {
            connection.call(connection
                    .client
                    .server()
                    .lifecycle()
                    .initialize(new InitializeParams(
                            ProcessHandle.current().pid(), new ClientInfo(clientName, "0.1.0"), null)));
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public List<ToolSummary> tools() {
        return call(client.server().registry().listTools()).tools().stream()
                .map(tool -> new ToolSummary(
                        tool.name(),
                        tool.description(),
                        tool.risk(),
                        tool.executor(),
                        JsonBridge.fromWire(tool.inputSchema()),
                        JsonBridge.fromWire(tool.outputSchema())))
                .toList();
    }

    @Override
    public Run start(CallRequest request) {
        return DomainRecords.run(call(client.server()
                .runs()
                .start(new StartRunParams(
                        request.tool(),
                        JsonBridge.toWire(request.input()),
                        request.idempotencyKey(),
                        request.actor().wireName(),
                        request.sessionId()))));
    }

    @Override
    public Run settle(String runId, Duration timeout) throws TimeoutException, InterruptedException {
        CompletableFuture<Run> waiter = waiting.computeIfAbsent(runId, id -> new CompletableFuture<>());
        try {
            if (client.closed().isDone()) throw gone();
            // Registered first, read second: an update sent before the waiter existed is in this answer.
            Run now = get(runId);
            if (settled(now)) return now;
            return waiter.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(runId, waiter);
        }
    }

    @Override
    public Run get(String runId) {
        return DomainRecords.run(call(client.server().runs().get(new RunIdParams(runId))));
    }

    @Override
    public RunPage list(RunQuery query) {
        ListRunsResult page = call(client.server()
                .runs()
                .list(new ListRunsParams(
                        query.tool(),
                        query.status() == null ? null : query.status().wireName(),
                        query.actor(),
                        query.sessionId(),
                        query.limit(),
                        query.beforeCursor())));
        return new RunPage(page.runs().stream().map(DomainRecords::run).toList(), page.nextCursor());
    }

    @Override
    public Run cancel(String runId) {
        return DomainRecords.run(call(client.server().runs().cancel(new RunIdParams(runId))));
    }

    @Override
    public List<Approval> approvals(ApprovalStatus statusOrNull, int limit) {
        return call(client.server()
                        .approvals()
                        .list(new ListApprovalsParams(statusOrNull == null ? null : statusOrNull.wireName(), limit)))
                .approvals()
                .stream()
                .map(DomainRecords::approval)
                .toList();
    }

    @Override
    public Run decide(String approvalId, boolean approve, String decidedBy, String note) {
        return DomainRecords.run(call(client.server()
                .approvals()
                .decide(new DecideApprovalParams(approvalId, approve ? "approve" : "deny", note))));
    }

    @Override
    public void addListener(RunEventListener listener) {
        listeners.add(listener);
    }

    /** Read from the same workspace and settings files the backend loads, for notices; it does not decide calls. */
    @Override
    public Policy policy() {
        return policy.get();
    }

    @Override
    public String describe() {
        return "the workspace backend (pid " + backendPid + ")";
    }

    @Override
    public void close() {
        client.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing: the backend notices the end of the connection either way.
        }
    }

    private <T> T call(CompletableFuture<T> request) {
        try {
            return client.await(request, REQUEST_TIMEOUT);
        } catch (TimeoutException e) {
            throw new BackendGone("the workspace backend (pid " + backendPid + ") did not answer within "
                    + REQUEST_TIMEOUT.toSeconds()
                    + " s; see productos backend logs, or stop it with productos backend stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendGone("interrupted while waiting for the workspace backend");
        } catch (RpcConnectionLost e) {
            throw gone();
        }
    }

    private BackendGone gone() {
        return new BackendGone(
                "the workspace backend (pid " + backendPid + ") closed the connection (it stopped or"
                        + " crashed); a run it had in flight is marked interrupted when it starts again. See productos backend logs");
    }

    private static boolean settled(Run run) {
        return run.status().isTerminal() || run.status() == RunStatus.AWAITING_APPROVAL;
    }
}
