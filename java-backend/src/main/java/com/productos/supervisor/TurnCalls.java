package com.productos.supervisor;

import com.productos.control.CallRequest;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.TranscriptEntry;
import com.productos.supervisor.session.PendingTurn;
import com.productos.supervisor.session.SessionMessage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Works through the calls of one model step, each through the control plane as the supervisor:
 * every call gets a result for the model, or the turn parks on the call waiting for a person. The
 * call in flight is persisted before and after it starts, so a restart knows which run it was.
 */
final class TurnCalls {
    private final TurnContext context;
    private final TurnState state;
    private final TurnEvents events;
    private final CancelSignal cancel;

    TurnCalls(TurnContext context, TurnState state, TurnEvents events, CancelSignal cancel) {
        this.context = context;
        this.state = state;
        this.events = events;
        this.cancel = cancel;
    }

    /** Picks up the call a paused or resumed turn was on; false when it still waits for a person. */
    boolean resumeActive(long deadlineNanos) throws InterruptedException {
        PendingTurn.ActiveCall active = state.pending().active();
        Run run = context.controlPlane().get(active.runId());
        if (run.status() == RunStatus.AWAITING_APPROVAL) return false;
        if (!run.status().isTerminal()) run = awaitRun(active, run, deadlineNanos);
        record(active, run);
        return true;
    }

    /** Runs the model's calls that have no result yet; false when the turn must park on the active call. */
    boolean workThrough(long deadlineNanos) throws InterruptedException {
        while (state.pending().results().size() < state.pending().calls().size()) {
            if (cancel.isCancelled()) throw new TurnCancelledException();
            ProposedCall call =
                    state.pending().calls().get(state.pending().results().size());
            if (!runCall(call, deadlineNanos)) return false;
        }
        if (!state.pending().calls().isEmpty()) {
            state.add(new TranscriptEntry.ToolResults(state.pending().results()));
            state.pending(state.pending().withCalls(List.of()));
            state.persist();
        }
        return true;
    }

    /** Records a settled run as the active call's result (also for a turn a dead process left). */
    void record(PendingTurn.ActiveCall active, Run run) {
        events.runUpdated(active, run);
        ProposedCall call = state.pending().calls().stream()
                .filter(c -> c.callId().equals(active.callId()))
                .findFirst()
                .orElse(null);
        CallOutcome outcome = CallOutcome.of(run, active.tool(), context.filter());
        context.store()
                .appendMessage(
                        state.session().id(),
                        new SessionMessage("tool", outcome.message(), now(), run.id(), active.tool()));
        if (call != null
                && state.pending().results().stream().noneMatch(r -> r.callId().equals(call.callId()))) {
            state.pending(state.pending()
                    .withResult(
                            new ToolResult(call.callId(), call.modelToolName(), outcome.content(), outcome.isError())));
        }
        state.persist();
    }

    Optional<Run> runIfKnown(String runId) {
        try {
            return Optional.of(context.controlPlane().get(runId));
        } catch (ToolCallException e) {
            return Optional.empty();
        }
    }

    /** One call through the control plane; false when it parked on an approval. */
    private boolean runCall(ProposedCall call, long deadlineNanos) throws InterruptedException {
        Optional<String> tool = context.catalog().names().registryName(call.modelToolName());
        if (tool.isEmpty()) {
            addResult(
                    call,
                    "there is no tool named '" + call.modelToolName() + "'; call only the declared functions",
                    true);
            return true;
        }
        if (call.argumentsProblem() != null
                || call.arguments() == null
                || !call.arguments().isObject()) {
            String problem =
                    call.argumentsProblem() != null ? call.argumentsProblem() : "the arguments are not a JSON object";
            addResult(
                    call,
                    problem + "; call " + call.modelToolName() + " again with one JSON object matching its schema",
                    true);
            return true;
        }
        TurnLimitCheck.beforeToolCall(context.limits(), state.pending(), state.session());
        state.pending(state.pending().countToolCall());
        state.session(state.session()
                .withUsage(
                        0,
                        0,
                        0,
                        1,
                        0,
                        state.session().provider(),
                        state.session().model()));
        events.toolCallProposed(call.callId(), tool.get(), call.arguments());
        PendingTurn.ActiveCall active = new PendingTurn.ActiveCall(call.callId(), tool.get(), null, null);
        state.pending(state.pending().withActive(active));
        state.persist();
        Run run;
        try {
            run = context.controlPlane()
                    .start(new CallRequest(
                            tool.get(),
                            call.arguments(),
                            Actor.SUPERVISOR,
                            idempotencyKey(call),
                            state.session().id()));
        } catch (ToolCallException refused) {
            refusedCall(call, active, refused);
            return true;
        }
        active = new PendingTurn.ActiveCall(call.callId(), tool.get(), run.id(), run.approvalId());
        state.pending(state.pending().withActive(active));
        state.persist();
        events.runStarted(call.callId(), run.id(), tool.get());
        if (run.status() == RunStatus.AWAITING_APPROVAL) {
            events.runUpdated(active, run);
            approvalNeeded(active, run);
            return false;
        }
        if (!run.status().isTerminal()) run = awaitRun(active, run, deadlineNanos);
        record(active, run);
        return true;
    }

    private void refusedCall(ProposedCall call, PendingTurn.ActiveCall active, ToolCallException refused) {
        String runId = refused.data() != null && refused.data().path("runId").isString()
                ? refused.data().path("runId").asString()
                : null;
        if (runId != null) events.runRefused(call.callId(), runId, active.tool(), refused);
        CallOutcome outcome = CallOutcome.refused(refused, active.tool());
        context.store()
                .appendMessage(
                        state.session().id(),
                        new SessionMessage("tool", outcome.message(), now(), runId, active.tool()));
        addResult(call, outcome.content(), outcome.isError());
    }

    private Run awaitRun(PendingTurn.ActiveCall active, Run started, long deadlineNanos) throws InterruptedException {
        try {
            return cancel.await(
                    context.controlPlane().settle(started.id()), (deadlineNanos - System.nanoTime()) / 1_000_000);
        } catch (TurnCancelledException e) {
            cancelRun(active);
            throw e;
        } catch (TimeoutException e) {
            cancelRun(active);
            throw new LimitReachedException("the turn reached its wall-time limit of "
                    + context.limits().turnWallTime().toSeconds() + " s while " + active.tool() + " ran (run "
                    + active.runId()
                    + " was cancelled); raise supervisor.limits.turn.wall_seconds for long calls");
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for run " + started.id() + " failed", e.getCause());
        }
    }

    private void cancelRun(PendingTurn.ActiveCall active) {
        try {
            Run cancelled = context.controlPlane().cancel(active.runId());
            record(active, cancelled);
        } catch (ToolCallException alreadyEnded) {
            runIfKnown(active.runId()).filter(run -> run.status().isTerminal()).ifPresent(run -> record(active, run));
        }
    }

    private void approvalNeeded(PendingTurn.ActiveCall active, Run run) {
        String reason = context.controlPlane().approvals(ApprovalStatus.PENDING, 1000).stream()
                .filter(approval -> approval.id().equals(run.approvalId()))
                .findFirst()
                .map(Approval::reasons)
                .map(reasons -> String.join("; ", reasons))
                .filter(text -> !text.isBlank())
                .orElse("policy asks a person to approve " + active.tool());
        events.approvalNeeded(active, run, reason);
        context.store()
                .appendMessage(
                        state.session().id(),
                        new SessionMessage(
                                "tool",
                                active.tool() + " waits for approval " + run.approvalId() + " (" + reason + ")",
                                now(),
                                run.id(),
                                active.tool()));
    }

    private void addResult(ProposedCall call, String content, boolean isError) {
        state.pending(
                state.pending().withResult(new ToolResult(call.callId(), call.modelToolName(), content, isError)));
        state.persist();
    }

    private String idempotencyKey(ProposedCall call) {
        // The same call of the same turn is the same effect, also when a resumed turn reaches it again.
        return "supervisor-"
                + Json.sha256Hex(state.session().id() + "\n" + state.pending().turnId() + "\n" + call.callId())
                        .substring(0, 40);
    }

    private java.time.Instant now() {
        return context.clock().instant();
    }
}
