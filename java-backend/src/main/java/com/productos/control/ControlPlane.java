package com.productos.control;

import com.productos.common.ProcessOwner;
import com.productos.json.Json;
import com.productos.policy.Policy;
import com.productos.policy.PolicyDecision;
import com.productos.policy.Verdict;
import com.productos.registry.FieldError;
import com.productos.registry.Risk;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.ApprovalStore;
import com.productos.runs.Run;
import com.productos.runs.RunError;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import com.productos.runs.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one path of every tool call, whoever makes it: validate input, apply policy, wait for an
 * approval when policy asks for one, call the executor over HTTP, validate its output, and record
 * each step on the run. Nothing reaches a caller that broke the tool's contract.
 */
public final class ControlPlane {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

    private final ToolRegistry registry;
    private final Policy policy;
    private final RunStore runs;
    private final ApprovalStore approvals;
    private final ExecutorInvoker invoker;
    private final Clock clock;
    private final String ownerId;
    private final Executor worker;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();
    /** Runs this process is executing; whoever removes an entry (completion or cancel) decides the outcome. */
    private final Map<String, CompletableFuture<ExecutorResult>> inFlight = new ConcurrentHashMap<>();
    /** Callers waiting for a run to settle (terminal, or parked for approval). */
    private final Map<String, CompletableFuture<Run>> settled = new ConcurrentHashMap<>();
    private final Object idempotencyLock = new Object();

    public ControlPlane(ToolRegistry registry, Policy policy, RunStore runs, ApprovalStore approvals,
                        ExecutorInvoker invoker, Clock clock, String ownerId, Executor worker) {
        this.registry = registry;
        this.policy = policy;
        this.runs = runs;
        this.approvals = approvals;
        this.invoker = invoker;
        this.clock = clock;
        this.ownerId = ownerId;
        this.worker = worker;
    }

    public ToolRegistry registry() {
        return registry;
    }

    public void addListener(RunEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RunEventListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts a call and returns its run at once: queued (executing in the background), awaiting
     * approval, denied, or, for a repeated idempotency key, the first run with that key.
     *
     * @throws ToolCallException InvalidParams (an unusable idempotency key), ToolNotFound, InvalidInput (recorded as a failed run, whose id is in the
     *     error data) or IdempotencyConflict
     */
    public Run start(CallRequest request) {
        IdempotencyKeys.check(request.idempotencyKey());
        ToolDefinition tool = registry.find(request.tool()).orElseThrow(() -> new ToolCallException(
                ErrorCode.ToolNotFound, "no tool named '" + request.tool() + "'; list the tools with registry/listTools"));
        JsonNode input = request.input() == null ? Json.object() : request.input();
        String inputHash = Json.canonicalHash(input);
        Instant now = clock.instant();
        String runId = RunIds.newId("run", now);
        String idempotencyKey = request.idempotencyKey();
        if (idempotencyKey == null && tool.risk() != Risk.LOW) {
            // Side-effecting calls always carry a key, so an executor can refuse to repeat the effect
            // when a retry reaches it twice.
            idempotencyKey = "auto-" + runId;
        }
        Run run = new Run(runId, tool.name(), request.actor().wireName(), input, inputHash, RunStatus.QUEUED, null,
                null, idempotencyKey, request.sessionId(), null, now, null, null, now, List.of(), List.of());

        List<FieldError> invalid = input.isObject() ? tool.inputSchema().validate(input)
                : List.of(new FieldError("", "the input must be a JSON object"));
        List<FieldError> broken = LoneSurrogates.find(input);
        if (!broken.isEmpty()) {
            invalid = new ArrayList<>(invalid);
            invalid.addAll(broken);
        }
        synchronized (idempotencyLock) {
            if (request.idempotencyKey() != null) {
                Run earlier = runs.findByIdempotencyKey(tool.name(), request.idempotencyKey()).orElse(null);
                if (earlier != null && !earlier.inputHash().equals(inputHash)) {
                    throw new ToolCallException(ErrorCode.IdempotencyConflict, "idempotency key '"
                            + request.idempotencyKey() + "' was already used by run " + earlier.id()
                            + " with a different input; use a new key for a new call",
                            Json.object().put("runId", earlier.id()));
                }
                if (earlier != null && isReplayable(earlier.status())) {
                    return earlier;
                }
            }
            if (!invalid.isEmpty()) {
                RunError error = new RunError(ErrorCode.InvalidInput.name(), ErrorCode.InvalidInput.code(),
                        describe(tool, invalid), fieldErrors(invalid));
                Run failed = run.ended(RunStatus.FAILED, error, now);
                runs.insert(failed, ownerId);
                publishUpdate(failed);
                ObjectNode data = Json.object().put("runId", failed.id());
                data.set("errors", fieldErrors(invalid));
                throw new ToolCallException(ErrorCode.InvalidInput, error.message(), data);
            }
            runs.insert(run, ownerId);
        }
        settled.put(run.id(), new CompletableFuture<>());
        PolicyDecision decision = policy.evaluate(tool, input, request.actor());
        for (String reason : decision.reasons()) log(run.id(), "INFO", "policy: " + reason);
        if (decision.verdict() == Verdict.DENY) {
            return finish(run, RunStatus.DENIED, new RunError(ErrorCode.PolicyDenied.name(), ErrorCode.PolicyDenied.code(),
                    "policy denies " + tool.name() + " for actor " + run.actor() + " (" + String.join("; ", decision.reasons())
                            + "); change the input or ask an owner to change registry/policy.yaml", null));
        }
        if (decision.verdict() == Verdict.REQUIRE_APPROVAL) {
            return park(run, decision, now);
        }
        publishUpdate(run);
        execute(tool, run);
        return run;
    }

    /** Completes when the run is terminal or parked awaiting approval. */
    public CompletableFuture<Run> settle(String runId) {
        CompletableFuture<Run> waiting = settled.get(runId);
        if (waiting != null) return waiting;
        Run run = get(runId);
        if (run.status().isTerminal() || run.status() == RunStatus.AWAITING_APPROVAL) {
            return CompletableFuture.completedFuture(run);
        }
        return settled.computeIfAbsent(runId, id -> new CompletableFuture<>());
    }

    public Run get(String runId) {
        return runs.getWithLogs(runId).orElseThrow(() -> new ToolCallException(ErrorCode.RunNotFound,
                "no run has id '" + runId + "'; list runs with runs/list"));
    }

    public RunPage list(RunQuery query) {
        return runs.list(query);
    }

    public List<Approval> approvals(ApprovalStatus statusOrNull, int limit) {
        expireStaleApprovals();
        return approvals.list(statusOrNull, limit);
    }

    /**
     * Decides a pending approval. Approving releases exactly the run it was created for, once;
     * denying ends that run as denied.
     */
    public Run decide(String approvalId, boolean approve, String decidedBy, String note) {
        Approval approval = approvals.get(approvalId).orElseThrow(() -> new ToolCallException(ErrorCode.ApprovalNotFound,
                "no approval has id '" + approvalId + "'; list pending ones with approvals/list"));
        Instant now = clock.instant();
        boolean expiryRecorded = approval.status() == ApprovalStatus.EXPIRED;
        if (approval.isExpired(now) || expiryRecorded) {
            if (!expiryRecorded) expire(approval, now);
            throw new ToolCallException(ErrorCode.ApprovalExpired, "approval " + approvalId + " expired at "
                    + approval.expiresAt() + "; start the call again to ask anew",
                    Json.object().put("runId", approval.runId()));
        }
        if (approval.status() != ApprovalStatus.PENDING) {
            throw new ToolCallException(ErrorCode.InvalidRunState, "approval " + approvalId + " is already "
                    + approval.status().wireName(), Json.object().put("runId", approval.runId()));
        }
        Run run = get(approval.runId()).withLogs(List.of());
        ApprovalStatus next = approve ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED;
        if (approvals.transition(approvalId, ApprovalStatus.PENDING, next, now, decidedBy, note).isEmpty()) {
            throw new ToolCallException(ErrorCode.InvalidRunState, "approval " + approvalId
                    + " was decided by someone else a moment ago", Json.object().put("runId", run.id()));
        }
        log(run.id(), "INFO", (approve ? "approved" : "denied") + " by " + decidedBy + (note == null ? "" : ": " + note));
        if (!approve) {
            return finish(run, RunStatus.DENIED, new RunError(ErrorCode.PolicyDenied.name(), ErrorCode.PolicyDenied.code(),
                    "denied by " + decidedBy + (note == null ? "" : ": " + note), null));
        }
        ToolDefinition tool = registry.find(run.tool()).orElse(null);
        boolean bound = tool != null && run.tool().equals(approval.tool()) && run.actor().equals(approval.actor())
                && approval.inputHash().equals(run.inputHash()) && run.inputHash().equals(Json.canonicalHash(run.input()));
        if (!bound || approvals.transition(approvalId, ApprovalStatus.APPROVED, ApprovalStatus.CONSUMED, now, decidedBy, note).isEmpty()) {
            return finish(run, RunStatus.FAILED, new RunError(ErrorCode.InvalidRunState.name(), ErrorCode.InvalidRunState.code(),
                    "the approval does not match this run's tool, input and actor, so it cannot release it", null));
        }
        Run queued = run.withStatus(RunStatus.QUEUED, now);
        runs.update(queued);
        publishUpdate(queued);
        settled.putIfAbsent(run.id(), new CompletableFuture<>());
        execute(tool, queued);
        return queued;
    }

    /** Cancels a run that has not ended; an awaiting approval is withdrawn. */
    public Run cancel(String runId) {
        Run run = get(runId).withLogs(List.of());
        if (run.status().isTerminal()) {
            throw new ToolCallException(ErrorCode.InvalidRunState, "run " + runId + " already ended as "
                    + run.status().wireName(), Json.object().put("runId", runId));
        }
        if (run.status() == RunStatus.AWAITING_APPROVAL && run.approvalId() != null) {
            approvals.transition(run.approvalId(), ApprovalStatus.PENDING, ApprovalStatus.DENIED, clock.instant(),
                    "system", "run cancelled");
        }
        CompletableFuture<ExecutorResult> call = inFlight.remove(runId);
        if (call == null && run.status() != RunStatus.AWAITING_APPROVAL && run.status() != RunStatus.QUEUED) {
            throw new ToolCallException(ErrorCode.InvalidRunState, "run " + runId
                    + " is executing in another process; cancel it there", Json.object().put("runId", runId));
        }
        if (call != null) call.cancel(true);
        return finish(run, RunStatus.CANCELLED, new RunError(ErrorCode.RequestCancelled.name(),
                ErrorCode.RequestCancelled.code(), "cancelled on request", null));
    }

    /** Marks as interrupted the runs that dead processes left in flight; returns how many. */
    public int recoverInterruptedRuns() {
        int count = runs.interruptOrphans(ProcessOwner::isAlive);
        if (count > 0) LOG.info("marked {} run(s) left in flight by a stopped backend as interrupted", count);
        expireStaleApprovals();
        return count;
    }

    private void execute(ToolDefinition tool, Run queued) {
        Run running = queued.withStatus(RunStatus.RUNNING, clock.instant());
        runs.update(running);
        publishUpdate(running);
        CompletableFuture<ExecutorResult> call;
        try {
            call = invoker.invoke(tool, running);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        inFlight.put(running.id(), call);
        call.whenCompleteAsync((result, failure) -> complete(tool, running, result, failure), worker);
    }

    private void complete(ToolDefinition tool, Run running, ExecutorResult result, Throwable failure) {
        if (inFlight.remove(running.id()) == null) return; // cancelled first: the cancel wrote the outcome
        try {
            if (failure != null) {
                finish(running, RunStatus.FAILED, errorOf(tool, failure));
                return;
            }
            for (ExecutorResult.ExecutorLogLine line : result.logs()) log(running.id(), line.severity(), line.text());
            List<FieldError> broken = result.output() == null
                    ? List.of(new FieldError("", "the executor returned no output"))
                    : tool.outputSchema().validate(result.output());
            if (!broken.isEmpty()) {
                finish(running, RunStatus.FAILED, new RunError(ErrorCode.OutputContractViolation.name(),
                        ErrorCode.OutputContractViolation.code(), "the " + tool.executor().executorName()
                        + " executor answered " + tool.name() + " with an output that breaks its schema: "
                        + summary(broken) + "; the executor needs fixing", fieldErrors(broken)));
                return;
            }
            Instant now = clock.instant();
            Run done = running.succeeded(result.output(), result.artifacts(), now);
            runs.update(done);
            publishUpdate(done);
            settledWith(done);
        } catch (RuntimeException e) {
            LOG.error("recording the end of run {} failed", running.id(), e);
            finish(running, RunStatus.FAILED, new RunError(ErrorCode.InternalError.name(), ErrorCode.InternalError.code(),
                    "the backend failed while recording the result: " + e.getMessage(), null));
        }
    }

    private RunError errorOf(ToolDefinition tool, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ExecutorCallException call) {
            return new RunError(call.code().name(), call.code().code(), call.getMessage(), call.details());
        }
        LOG.error("executor call for {} failed unexpectedly", tool.name(), cause);
        return new RunError(ErrorCode.InternalError.name(), ErrorCode.InternalError.code(),
                "the call to the " + tool.executor().executorName() + " executor failed: " + cause.getClass().getSimpleName()
                        + "; see the backend log", null);
    }

    private Run park(Run run, PolicyDecision decision, Instant now) {
        String approvalId = RunIds.newId("apr", now);
        Approval approval = new Approval(approvalId, run.id(), run.tool(), run.inputHash(), run.actor(),
                ApprovalStatus.PENDING, decision.reasons(), now, now.plus(policy.approvalTtl()), null, null, null);
        approvals.insert(approval);
        Run parked = run.withApproval(approvalId, now);
        runs.update(parked);
        log(run.id(), "INFO", "waiting for approval " + approvalId + " (expires " + approval.expiresAt() + ")");
        publishUpdate(parked);
        for (RunEventListener listener : listeners) {
            try {
                listener.approvalRequested(approval, parked);
            } catch (RuntimeException e) {
                LOG.warn("an approval listener failed", e);
            }
        }
        settledWith(parked);
        return parked;
    }

    private Run finish(Run run, RunStatus status, RunError error) {
        Run ended = run.ended(status, error, clock.instant());
        runs.update(ended);
        if (error != null) log(run.id(), status == RunStatus.FAILED ? "ERROR" : "INFO", status.wireName() + ": " + error.message());
        publishUpdate(ended);
        settledWith(ended);
        return ended;
    }

    private void expireStaleApprovals() {
        Instant now = clock.instant();
        for (Approval approval : approvals.list(ApprovalStatus.PENDING, 1000)) {
            if (approval.isExpired(now)) expire(approval, now);
        }
    }

    private void expire(Approval approval, Instant now) {
        if (approvals.transition(approval.id(), ApprovalStatus.PENDING, ApprovalStatus.EXPIRED, now, "system", "expired").isEmpty()) {
            return;
        }
        runs.get(approval.runId()).filter(run -> !run.status().isTerminal()).ifPresent(run ->
                finish(run, RunStatus.CANCELLED, new RunError(ErrorCode.ApprovalExpired.name(), ErrorCode.ApprovalExpired.code(),
                        "nobody decided approval " + approval.id() + " before it expired at " + approval.expiresAt(), null)));
    }

    private void settledWith(Run run) {
        CompletableFuture<Run> waiting = settled.remove(run.id());
        if (waiting != null) waiting.complete(run);
    }

    private void log(String runId, String severity, String text) {
        RunLogLine line = runs.appendLog(runId, severity, text);
        for (RunEventListener listener : listeners) {
            try {
                listener.runLog(line);
            } catch (RuntimeException e) {
                LOG.warn("a log listener failed", e);
            }
        }
    }

    private void publishUpdate(Run run) {
        for (RunEventListener listener : listeners) {
            try {
                listener.runUpdated(run);
            } catch (RuntimeException e) {
                LOG.warn("a run listener failed", e);
            }
        }
    }

    private static boolean isReplayable(RunStatus status) {
        // A failed, denied, cancelled or interrupted attempt may be tried again under the same key; the
        // executor sees the same key and refuses to repeat an effect that did happen.
        return status == RunStatus.SUCCEEDED || status == RunStatus.RUNNING || status == RunStatus.QUEUED
                || status == RunStatus.AWAITING_APPROVAL;
    }

    private static String describe(ToolDefinition tool, List<FieldError> errors) {
        return "the input of " + tool.name() + " does not match its schema: " + summary(errors)
                + "; see registry/listTools for the schema";
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(errors.size(), 5); i++) {
            if (i > 0) text.append("; ");
            text.append(errors.get(i));
        }
        if (errors.size() > 5) text.append("; and ").append(errors.size() - 5).append(" more");
        return text.toString();
    }

    private static ArrayNode fieldErrors(List<FieldError> errors) {
        ArrayNode array = Json.array();
        for (FieldError error : errors) array.add(Json.object().put("pointer", error.pointer()).put("message", error.message()));
        return array;
    }
}
