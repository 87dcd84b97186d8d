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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one path of every tool call, whoever makes it: validate input, apply policy, wait for an
 * approval when policy asks for one, call the executor over HTTP, validate its output, and record
 * each step on the run. Nothing reaches a caller that broke the tool's contract.
 */
public final class ControlPlane {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    /** How often a caller waiting for a run of another process looks at the store: first, then at most. */
    private static final long FIRST_POLL_MILLIS = 20;

    private static final long MAX_POLL_MILLIS = 500;

    private final ContractSource contracts;
    private final RunStore runs;
    private final ApprovalStore approvals;
    private final ExecutorInvoker invoker;
    private final Clock clock;
    private final String ownerId;
    private final Executor worker;
    private final RunEvents events;
    private final ApprovalGate approvalGate;
    /** Runs this process is executing; whoever removes an entry (completion, cancel or stop) decides the outcome. */
    private final Map<String, CompletableFuture<ExecutorResult>> inFlight = new ConcurrentHashMap<>();
    /** Callers waiting for a run to settle (terminal, or parked for approval). */
    private final Map<String, CompletableFuture<Run>> settled = new ConcurrentHashMap<>();

    private final Object idempotencyLock = new Object();

    public ControlPlane(
            ToolRegistry registry,
            Policy policy,
            RunStore runs,
            ApprovalStore approvals,
            ExecutorInvoker invoker,
            Clock clock,
            String ownerId,
            Executor worker) {
        this(ContractSource.fixed(registry, policy), runs, approvals, invoker, clock, ownerId, worker);
    }

    /** A control plane that reads {@code contracts} at every call, so edits to them apply to the next one. */
    public ControlPlane(
            ContractSource contracts,
            RunStore runs,
            ApprovalStore approvals,
            ExecutorInvoker invoker,
            Clock clock,
            String ownerId,
            Executor worker) {
        this.contracts = contracts;
        this.runs = runs;
        this.invoker = invoker;
        this.clock = clock;
        this.ownerId = ownerId;
        this.worker = worker;
        this.events = new RunEvents(runs);
        this.approvalGate = new ApprovalGate(
                approvals,
                runs,
                events,
                clock,
                () -> contracts.current().policy().approvalTtl(),
                this::finish);
        this.approvals = approvals;
    }

    /** The registry in force now. */
    public ToolRegistry registry() {
        return contracts.current().registry();
    }

    public void addListener(RunEventListener listener) {
        events.add(listener);
    }

    public void removeListener(RunEventListener listener) {
        events.remove(listener);
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
        ContractSet contract = contracts.current();
        ToolDefinition tool = contract.registry()
                .find(request.tool())
                .orElseThrow(() -> new ToolCallException(
                        ErrorCode.ToolNotFound,
                        "no tool named '" + request.tool() + "'; list the tools with registry/listTools"
                                + contract.notices().stream()
                                        .map(notice -> " (" + notice + ")")
                                        .reduce("", String::concat)));
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
        Run run = Run.queued(
                runId,
                tool.name(),
                request.actor().wireName(),
                input,
                inputHash,
                idempotencyKey,
                request.sessionId(),
                now);

        List<FieldError> invalid = input.isObject()
                ? tool.inputSchema().validate(input)
                : List.of(new FieldError("", "the input must be a JSON object"));
        List<FieldError> broken = LoneSurrogates.find(input);
        if (!broken.isEmpty()) {
            invalid = new ArrayList<>(invalid);
            invalid.addAll(broken);
        }
        synchronized (idempotencyLock) {
            if (request.idempotencyKey() != null) {
                Run earlier = runs.findByIdempotencyKey(tool.name(), request.idempotencyKey())
                        .orElse(null);
                if (earlier != null && !earlier.inputHash().equals(inputHash)) {
                    throw new ToolCallException(
                            ErrorCode.IdempotencyConflict,
                            "idempotency key '"
                                    + request.idempotencyKey() + "' was already used by run " + earlier.id()
                                    + " with a different input; use a new key for a new call",
                            Json.object().put("runId", earlier.id()));
                }
                if (earlier != null && isReplayable(earlier.status())) {
                    return earlier;
                }
            }
            if (!invalid.isEmpty()) {
                RunError error = RunErrors.invalidInput(tool, invalid);
                Run failed = run.ended(RunStatus.FAILED, error, now);
                runs.insert(failed, ownerId);
                logNotices(failed.id(), contract);
                events.updated(failed);
                ObjectNode data = Json.object().put("runId", failed.id());
                data.set("errors", error.details());
                throw new ToolCallException(ErrorCode.InvalidInput, error.message(), data);
            }
            runs.insert(run, ownerId);
        }
        settled.put(run.id(), new CompletableFuture<>());
        logNotices(run.id(), contract);
        PolicyDecision decision = contract.policy().evaluate(tool, input, request.actor());
        for (String reason : decision.reasons()) events.log(run.id(), "INFO", "policy: " + reason);
        if (decision.verdict() == Verdict.DENY) {
            return finish(run, RunStatus.DENIED, RunErrors.policyDenied(tool, run.actor(), decision.reasons()));
        }
        if (decision.verdict() == Verdict.REQUIRE_APPROVAL) {
            Run parked = approvalGate.park(run, decision.reasons(), now);
            settledWith(parked);
            return parked;
        }
        events.updated(run);
        execute(tool, run);
        return run;
    }

    /**
     * Completes when the run is terminal or parked awaiting approval. A run another process executes
     * (a repeated idempotency key) is followed through the store; cancel the future to stop waiting.
     */
    public CompletableFuture<Run> settle(String runId) {
        CompletableFuture<Run> waiting = settled.get(runId);
        if (waiting != null) return waiting;
        Run run = runs.get(runId).orElseThrow(() -> notFound(runId));
        if (hasSettled(run)) return CompletableFuture.completedFuture(run);
        waiting = settled.get(runId);
        if (waiting != null) return waiting; // this process took it up meanwhile (an approval released it)
        if (inFlight.containsKey(runId)) return settled.computeIfAbsent(runId, id -> new CompletableFuture<>());
        CompletableFuture<Run> elsewhere = new CompletableFuture<>();
        pollStore(runId, elsewhere, FIRST_POLL_MILLIS);
        return elsewhere;
    }

    public Run get(String runId) {
        return runs.getWithLogs(runId).orElseThrow(() -> notFound(runId));
    }

    public RunPage list(RunQuery query) {
        return runs.list(query);
    }

    public List<Approval> approvals(ApprovalStatus statusOrNull, int limit) {
        approvalGate.expireStale();
        return approvals.list(statusOrNull, limit);
    }

    /**
     * Decides a pending approval. Approving releases exactly the run it was created for, once;
     * denying ends that run as denied.
     */
    public Run decide(String approvalId, boolean approve, String decidedBy, String note) {
        ApprovalGate.Decision decision = approvalGate.decide(approvalId, approve, decidedBy, note, registry());
        if (decision.release() == null) return decision.run();
        Run queued = decision.run().withStatus(RunStatus.QUEUED, clock.instant());
        runs.update(queued);
        events.updated(queued);
        settled.putIfAbsent(queued.id(), new CompletableFuture<>());
        execute(decision.release(), queued);
        return queued;
    }

    /** Cancels a run that has not ended; an awaiting approval is withdrawn. */
    public Run cancel(String runId) {
        Run run = runs.get(runId).orElseThrow(() -> notFound(runId));
        if (run.status().isTerminal()) {
            throw new ToolCallException(
                    ErrorCode.InvalidRunState,
                    "run " + runId + " already ended as " + run.status().wireName(),
                    Json.object().put("runId", runId));
        }
        approvalGate.withdraw(run);
        CompletableFuture<ExecutorResult> call = inFlight.remove(runId);
        if (call == null && run.status() != RunStatus.AWAITING_APPROVAL && run.status() != RunStatus.QUEUED) {
            throw new ToolCallException(
                    ErrorCode.InvalidRunState,
                    "run " + runId + " is executing in another process; cancel it there",
                    Json.object().put("runId", runId));
        }
        if (call != null) call.cancel(true);
        return finish(run, RunStatus.CANCELLED, RunErrors.cancelledOnRequest());
    }

    /** Marks as interrupted the runs that dead processes left in flight; returns how many. */
    public int recoverInterruptedRuns() {
        int count = runs.interruptOrphans(ProcessOwner::isAlive);
        if (count > 0) LOG.info("marked {} run(s) left in flight by a stopped backend as interrupted", count);
        approvalGate.expireStale();
        return count;
    }

    /**
     * For a graceful stop, before the executors go down: every run this process still executes is
     * recorded as interrupted (its executor's answer will not be waited for), instead of failing
     * later with a connection error that blames the configuration. Returns how many.
     */
    public int interruptInFlight() {
        int count = 0;
        for (String runId : List.copyOf(inFlight.keySet())) {
            CompletableFuture<ExecutorResult> call = inFlight.remove(runId);
            if (call == null) continue; // it completed meanwhile, and its outcome is recorded
            call.cancel(true);
            Run run = runs.get(runId).orElse(null);
            if (run == null || run.status().isTerminal()) continue;
            finish(run, RunStatus.INTERRUPTED, RunErrors.stoppedInFlight(run.tool()));
            count++;
        }
        if (count > 0) LOG.info("stopping: recorded {} run(s) in flight as interrupted", count);
        return count;
    }

    /** A broken edit of the registry or policy is said on every run it did not apply to, until it is fixed. */
    private void logNotices(String runId, ContractSet contract) {
        for (String notice : contract.notices()) events.log(runId, "WARN", notice);
    }

    private void execute(ToolDefinition tool, Run queued) {
        Run running = queued.withStatus(RunStatus.RUNNING, clock.instant());
        runs.update(running);
        events.updated(running);
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
        if (inFlight.remove(running.id()) == null) return; // cancelled or stopped first: that wrote the outcome
        try {
            if (failure != null) {
                finish(running, RunStatus.FAILED, RunErrors.executorFailed(tool, failure));
                return;
            }
            for (ExecutorResult.ExecutorLogLine line : result.logs())
                events.log(running.id(), line.severity(), line.text());
            List<FieldError> broken = result.output() == null
                    ? List.of(new FieldError("", "the executor returned no output"))
                    : tool.outputSchema().validate(result.output());
            if (!broken.isEmpty()) {
                finish(running, RunStatus.FAILED, RunErrors.outputBreaksSchema(tool, broken));
                return;
            }
            Run done = running.succeeded(result.output(), result.artifacts(), clock.instant());
            runs.update(done);
            events.updated(done);
            settledWith(done);
        } catch (RuntimeException e) {
            LOG.error("recording the end of run {} failed", running.id(), e);
            finish(running, RunStatus.FAILED, RunErrors.recordingFailed(e));
        }
    }

    private Run finish(Run run, RunStatus status, RunError error) {
        Run ended = run.ended(status, error, clock.instant());
        runs.update(ended);
        if (error != null) {
            events.log(
                    run.id(),
                    status == RunStatus.FAILED ? "ERROR" : "INFO",
                    status.wireName() + ": " + error.message());
        }
        events.updated(ended);
        settledWith(ended);
        return ended;
    }

    private void settledWith(Run run) {
        CompletableFuture<Run> waiting = settled.remove(run.id());
        if (waiting != null) waiting.complete(run);
    }

    /** Reads the run again after a growing pause until it settles or the caller stops waiting. */
    private void pollStore(String runId, CompletableFuture<Run> waiting, long delayMillis) {
        if (waiting.isDone()) return;
        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, worker)
                .execute(() -> {
                    if (waiting.isDone()) return;
                    try {
                        Run run = runs.get(runId).orElseThrow(() -> notFound(runId));
                        if (hasSettled(run)) {
                            waiting.complete(run);
                            return;
                        }
                    } catch (RuntimeException e) {
                        waiting.completeExceptionally(e);
                        return;
                    }
                    pollStore(runId, waiting, Math.min(delayMillis * 2, MAX_POLL_MILLIS));
                });
    }

    private static boolean hasSettled(Run run) {
        return run.status().isTerminal() || run.status() == RunStatus.AWAITING_APPROVAL;
    }

    private static ToolCallException notFound(String runId) {
        return new ToolCallException(ErrorCode.RunNotFound, "no run has id '" + runId + "'; list runs with runs/list");
    }

    private static boolean isReplayable(RunStatus status) {
        // A failed, denied, cancelled or interrupted attempt may be tried again under the same key; the
        // executor sees the same key and refuses to repeat an effect that did happen.
        return status == RunStatus.SUCCEEDED
                || status == RunStatus.RUNNING
                || status == RunStatus.QUEUED
                || status == RunStatus.AWAITING_APPROVAL;
    }
}
