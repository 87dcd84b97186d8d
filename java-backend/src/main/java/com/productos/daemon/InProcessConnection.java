package com.productos.daemon;

import com.productos.app.Backend;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The backend opened in this process and closed with it: today's behaviour, for {@code --no-daemon}. */
public final class InProcessConnection implements BackendConnection {
    private final Backend backend;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();

    public InProcessConnection(Backend backend) {
        this.backend = backend;
    }

    public Backend backend() {
        return backend;
    }

    @Override
    public List<ToolSummary> tools() {
        return backend.registry().tools().stream()
                .map(tool -> new ToolSummary(
                        tool.name(),
                        tool.description(),
                        tool.risk().wireName(),
                        tool.executor().executorName(),
                        tool.inputSchema().source(),
                        tool.outputSchema().source()))
                .toList();
    }

    @Override
    public Run start(CallRequest request) {
        return backend.controlPlane().start(request);
    }

    @Override
    public Run settle(String runId, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return backend.controlPlane().settle(runId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public Run get(String runId) {
        return backend.controlPlane().get(runId);
    }

    @Override
    public RunPage list(RunQuery query) {
        return backend.controlPlane().list(query);
    }

    @Override
    public Run cancel(String runId) {
        return backend.controlPlane().cancel(runId);
    }

    @Override
    public List<Approval> approvals(ApprovalStatus statusOrNull, int limit) {
        return backend.controlPlane().approvals(statusOrNull, limit);
    }

    @Override
    public Run decide(String approvalId, boolean approve, String decidedBy, String note) {
        return backend.controlPlane().decide(approvalId, approve, decidedBy, note);
    }

    @Override
    public void addListener(RunEventListener listener) {
        listeners.add(listener);
        backend.controlPlane().addListener(listener);
    }

    @Override
    public Policy policy() {
        return backend.policy();
    }

    @Override
    public String describe() {
        return "this process (--no-daemon)";
    }

    @Override
    public void close() {
        listeners.forEach(backend.controlPlane()::removeListener);
        backend.close();
    }
}
