package com.productos.supervisor;

import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.runs.Run;
import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.TokenUsage;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.TranscriptEntry;
import com.productos.supervisor.session.ModelStepRecord;
import com.productos.supervisor.session.PendingTurn;
import com.productos.supervisor.session.SessionMessage;
import com.productos.supervisor.session.SessionRecord;
import com.productos.supervisor.session.SessionStatus;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn of a session, from the person's message to the model's last word: model steps and tool
 * calls in turn ({@link TurnCalls}), until the model answers without calls, a call waits for a
 * person (the turn parks, persisted), a limit is reached, the model fails, or the turn is cancelled.
 * Whatever ends it, the stored session is left consistent: every call of the model has a result,
 * and the session is idle or awaiting approval, never running.
 */
final class SessionTurn {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTurn.class);
    private static final String MALFORMED_CALL_NOTE = "Your last function call was malformed and was not run. Call the"
            + " function again with arguments that form one JSON object matching its schema, or answer in text.";

    private final TurnContext context;
    private final CancelSignal cancel = new CancelSignal();
    private final TurnState state;
    private final TurnEvents events;
    private final TurnCalls calls;
    private long deadlineNanos;
    /** Set before turn_finished goes out: from then on the turn neither runs nor can be cancelled as running. */
    private volatile boolean ended;

    SessionTurn(TurnContext context, SessionRecord session, PendingTurn pending) {
        this.context = context;
        this.state = new TurnState(context.store(), context.clock(), session, pending);
        this.events = new TurnEvents(context, session.id(), pending.turnId());
        this.calls = new TurnCalls(context, state, events, cancel);
    }

    String sessionId() {
        return state.session().id();
    }

    String turnId() {
        return state.pending().turnId();
    }

    CancelSignal cancelSignal() {
        return cancel;
    }

    boolean hasEnded() {
        return ended;
    }

    /** Adds the person's message and persists it, before the turn starts running. */
    void addUserText(String text) {
        state.add(new TranscriptEntry.UserText(text));
        context.store().appendMessage(sessionId(), new SessionMessage("user", text, now(), null, null));
        state.persist();
    }

    /** Runs the turn until it ends or parks. Never throws. */
    void run() {
        // Wall time counts while the turn runs; a pause waiting for a person does not.
        deadlineNanos = System.nanoTime() + context.limits().turnWallTime().toNanos();
        try {
            boolean resume = true; // a resumed turn first picks up the call it parked on
            while (true) {
                PendingTurn.ActiveCall active = state.pending().active();
                boolean waits = resume && active != null && active.runId() != null && !calls.resumeActive(deadlineNanos)
                        || !calls.workThrough(deadlineNanos);
                resume = false;
                if (waits) {
                    if (park()) return;
                    resume = true; // decided while it parked: the session is this turn's again
                    continue;
                }
                TurnLimitCheck.beforeModelStep(context.limits(), state.pending(), state.session(), remainingMillis());
                if (cancel.isCancelled()) throw new TurnCancelledException();
                if (!modelStep()) {
                    finish(StopReason.COMPLETED, null, null);
                    return;
                }
            }
        } catch (TurnCancelledException e) {
            finish(StopReason.CANCELLED, null, "cancelled by the person");
        } catch (LimitReachedException e) {
            finish(StopReason.LIMIT, ErrorCode.LimitReached, e.getMessage());
        } catch (ModelCallException e) {
            finish(
                    StopReason.ERROR,
                    ErrorCode.ModelError,
                    "the model failed: " + context.filter().redactText(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(StopReason.CANCELLED, null, "cancelled: the backend is stopping");
        } catch (RuntimeException e) {
            LOG.error("turn {} of session {} failed", turnId(), sessionId(), e);
            finish(
                    StopReason.ERROR,
                    ErrorCode.InternalError,
                    "the supervisor failed (" + e.getClass().getSimpleName() + "); the backend log has the details");
        }
    }

    /** Ends a turn a dead process left running, with the truth about the call it was running. */
    void finishInterrupted() {
        PendingTurn.ActiveCall active = state.pending().active();
        if (active != null && active.runId() != null) {
            Optional<Run> run = calls.runIfKnown(active.runId());
            if (run.isPresent() && run.get().status().isTerminal()) {
                calls.record(active, run.get());
            }
        }
        finish(
                StopReason.ERROR,
                ErrorCode.InternalError,
                "the turn was interrupted when the backend stopped"
                        + (active != null && active.runId() != null
                                ? "; run " + active.runId() + " shows how far its call got"
                                : "")
                        + "; send the request again to continue");
    }

    /** Ends a parked turn on the person's cancel: the waiting run is cancelled, its approval withdrawn. */
    void cancelParked() {
        PendingTurn.ActiveCall active = state.pending().active();
        if (active != null && active.runId() != null) {
            try {
                Run cancelled = context.controlPlane().cancel(active.runId());
                events.runUpdated(active, cancelled);
            } catch (ToolCallException alreadyEnded) {
                // It ended meanwhile; its outcome is recorded on the run.
            }
        }
        finish(StopReason.CANCELLED, null, "cancelled by the person");
    }

    /** One model call; false when the model answered without calls (the turn is done). */
    private boolean modelStep() throws ModelCallException, InterruptedException {
        long startedNanos = System.nanoTime();
        ModelRequest request = new ModelRequest(
                SystemInstruction.TEXT, state.transcript(), context.catalog().specs());
        ModelReply reply = context.caller().call(request, cancel, deadlineNanos);
        if (cancel.isCancelled()) throw new TurnCancelledException();
        TokenUsage usage = reply.usage();
        double cost = context.price().costUsd(usage);
        String provider = context.provider().providerName();
        String model = context.provider().modelName();
        state.pending(state.pending().countStep(usage.inputTokens(), usage.outputTokens(), cost));
        state.session(
                state.session().withUsage(usage.inputTokens(), usage.outputTokens(), cost, 0, 1, provider, model));
        context.store()
                .appendStep(new ModelStepRecord(
                        sessionId(),
                        turnId(),
                        provider,
                        model,
                        usage.inputTokens(),
                        usage.outputTokens(),
                        cost,
                        reply.finishReason(),
                        (System.nanoTime() - startedNanos) / 1_000_000,
                        now()));
        state.add(new TranscriptEntry.ModelTurn(reply.text(), reply.calls(), provider, reply.providerPayload()));
        if (!reply.text().isBlank()) {
            context.store()
                    .appendMessage(sessionId(), new SessionMessage("assistant", reply.text(), now(), null, null));
            events.assistantText(reply.text());
        }
        if (reply.calls().isEmpty()) {
            if (reply.finishReason() != null && reply.finishReason().startsWith("MALFORMED")
                    || "UNEXPECTED_TOOL_CALL".equals(reply.finishReason())
                    || "TOO_MANY_TOOL_CALLS".equals(reply.finishReason())) {
                state.add(new TranscriptEntry.UserText(MALFORMED_CALL_NOTE));
                state.persist();
                return true;
            }
            state.persist();
            return false;
        }
        state.pending(state.pending().withCalls(reply.calls()));
        state.persist();
        return true;
    }

    /**
     * Leaves the turn waiting for a person on its active call, persisted; false when the call was
     * decided meanwhile and the turn goes on (the session was claimed back for it).
     */
    private boolean park() {
        state.session(state.session().withStatus(SessionStatus.AWAITING_APPROVAL, null, now()));
        state.persist();
        boolean parked = context.parking().park(this, () -> {
            ended = true;
            events.finished(StopReason.AWAITING_APPROVAL, state.pending());
        });
        if (!parked) state.session(context.store().get(sessionId()).orElseThrow());
        return parked;
    }

    private void finish(StopReason reason, ErrorCode code, String message) {
        try {
            // Every call of the model gets a result, so the conversation stays valid for the next turn.
            String why = reason == StopReason.CANCELLED
                    ? "not run: the turn was cancelled"
                    : "not run: the turn ended (" + (message == null ? reason.wireName() : message) + ")";
            PendingTurn pending = state.pending();
            for (int i = pending.results().size(); i < pending.calls().size(); i++) {
                ProposedCall call = pending.calls().get(i);
                pending = pending.withResult(new ToolResult(call.callId(), call.modelToolName(), why, true));
            }
            state.pending(pending);
            if (!pending.calls().isEmpty()) state.add(new TranscriptEntry.ToolResults(pending.results()));
            if (code != null) events.error(code, message);
            if (message != null) {
                context.store()
                        .appendMessage(
                                sessionId(),
                                new SessionMessage(
                                        "assistant",
                                        reason == StopReason.CANCELLED
                                                ? "Stopped: " + message + "."
                                                : "Stopped: " + message,
                                        now(),
                                        null,
                                        null));
            }
            state.persistEnded();
            ended = true;
            events.finished(reason, pending);
        } catch (RuntimeException e) {
            LOG.error("recording the end of turn {} of session {} failed", turnId(), sessionId(), e);
        }
    }

    private long remainingMillis() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    private Instant now() {
        return context.clock().instant();
    }
}
