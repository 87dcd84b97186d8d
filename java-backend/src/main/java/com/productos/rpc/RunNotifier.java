package com.productos.rpc;

import com.productos.control.RunEventListener;
import com.productos.rpc.protocol.ApprovalRequestedParams;
import com.productos.rpc.protocol.ProductOsClient;
import com.productos.rpc.protocol.RunInfo;
import com.productos.rpc.protocol.WireTypes;
import com.productos.runs.Approval;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Passes the control plane's events to the client as notifications. It sends on the thread that
 * reports the event, so a run's notifications leave in the order the control plane recorded them.
 * It remembers the last state sent of recent runs, so a runs/start answer is never older than a
 * notification already sent for its run (see {@link #answerWithLatest}).
 */
final class RunNotifier implements RunEventListener {
    /** Runs whose last sent state is remembered; a start is answered long before this many later runs. */
    private static final int REMEMBERED_RUNS = 1024;

    private final Object sending = new Object();
    private final Map<String, Run> lastSent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
            return size() > REMEMBERED_RUNS;
        }
    };
    private volatile ProductOsClient client;

    /** Notifications go to {@code remote} from now on. */
    void connect(ProductOsClient remote) {
        this.client = remote;
    }

    @Override
    public void runUpdated(Run run) {
        synchronized (sending) {
            lastSent.put(run.id(), run);
            send(remote -> remote.updated(WireTypes.update(run)));
        }
    }

    @Override
    public void runLog(RunLogLine line) {
        synchronized (sending) {
            send(remote -> remote.log(WireTypes.log(line)));
        }
    }

    @Override
    public void approvalRequested(Approval approval, Run run) {
        synchronized (sending) {
            lastSent.put(run.id(), run);
            // The approver decides on what the run will do, so this one carries the input.
            send(remote -> remote.requested(
                    new ApprovalRequestedParams(WireTypes.approval(approval), WireTypes.run(run, false))));
        }
    }

    /**
     * Completes {@code answer} with {@code run} or, when a later state of it was already notified,
     * that state. The answer is completed while no notification can be sent, and lsp4j writes a
     * response on the thread that completes it, so nothing about the run overtakes it on the wire.
     */
    void answerWithLatest(Run run, CompletableFuture<RunInfo> answer) {
        synchronized (sending) {
            Run sent = lastSent.get(run.id());
            answer.complete(WireTypes.update(sent != null ? sent : run));
        }
    }

    private void send(java.util.function.Consumer<ProductOsClient> notification) {
        ProductOsClient remote = client;
        if (remote != null) notification.accept(remote);
    }
}
