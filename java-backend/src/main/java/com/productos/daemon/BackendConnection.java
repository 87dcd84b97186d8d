package com.productos.daemon;

import com.productos.control.CallRequest;
import com.productos.control.RunEventListener;
import com.productos.policy.Policy;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What a command needs of the backend, wherever it runs: the workspace backend process (the default; see
 * {@link DaemonConnection}) or this process ({@link InProcessConnection}, for {@code --no-daemon}, tests
 * and CI). Both return the backend's own records and throw the control plane's ToolCallException, so a
 * command is written once. Open one with {@link BackendConnections}.
 */
public interface BackendConnection extends AutoCloseable {
    List<ToolSummary> tools();

    /** Starts a call and returns its run at once (see ControlPlane#start). */
    Run start(CallRequest request);

    /** Waits until the run is terminal or waits for approval; on timeout the run goes on. */
    Run settle(String runId, Duration timeout) throws TimeoutException, InterruptedException;

    /** The run with its log lines. */
    Run get(String runId);

    RunPage list(RunQuery query);

    Run cancel(String runId);

    List<Approval> approvals(ApprovalStatus statusOrNull, int limit);

    /** Decides an approval; {@code decidedBy} is recorded in process, the backend records its client as "user". */
    Run decide(String approvalId, boolean approve, String decidedBy, String note);

    /** Run updates, log lines and approval requests of every run on the backend, until closed. */
    void addListener(RunEventListener listener);

    /** The policy the calls are held to, floors included (for notices such as relaxed floors). */
    Policy policy();

    /** Where the calls go, for messages: "this process" or "the workspace backend (pid N)". */
    String describe();

    @Override
    void close();
}
