package com.productos.supervisor;

import com.productos.control.CallRequest;
import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.ProposedCall;
import com.productos.supervisor.model.TokenUsage;
import com.productos.supervisor.model.ToolResult;
import com.productos.supervisor.model.TranscriptCodec;
import com.productos.supervisor.model.TranscriptEntry;
import com.productos.supervisor.session.ModelStepRecord;
import com.productos.supervisor.session.PendingTurn;
import com.productos.supervisor.session.SessionMessage;
import com.productos.supervisor.session.SessionRecord;
import com.productos.supervisor.session.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One turn of a session, from the person's message to the model's last word: model steps and tool
 * calls in turn, each call through the control plane as the supervisor, until the model answers
 * without calls, a call waits for a person (the turn parks, persisted), a limit is reached, the
 * model fails, or the turn is cancelled. Whatever ends it, the stored session is left consistent:
 * every call of the model has a result, and the session is idle or awaiting approval, never running.
 */
final class SessionTurn {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTurn.class);
    private static final String MALFORMED_CALL_NOTE = "Your last function call was malformed and was not run. Call the"
            + " function again with arguments that form one JSON object matching its schema, or answer in text.";

    private final TurnContext context;
    private final CancelSignal cancel = new CancelSignal();
    private final List<TranscriptEntry> transcript;
    private SessionRecord session;
    private PendingTurn pending;
    private long deadlineNanos;
    /** Set before turn_finished goes out: from then on the turn neither runs nor can be cancelled as running. */
    private volatile boolean ended;

    SessionTurn(TurnContext context, SessionRecord session, PendingTurn pending) {
        this.context = context;
        this.session = session;
        this.pending = pending;
        this.transcript = new ArrayList<>(TranscriptCodec.read(session.transcriptJson()));
    }

    String sessionId() {
        return session.id();
    }

    String turnId() {
        return pending.turnId();
    }

    CancelSignal cancelSignal() {
        return cancel;
    }

    boolean hasEnded() {
        return ended;
    }

    /** Adds the person's message and persists it, before the turn starts running. */
    void addUserText(String text) {
        transcript.add(new TranscriptEntry.UserText(text));
        context.store().appendMessage(session.id(), new SessionMessage("user", text, now(), null, null));
        persist();
    }

    /** Runs the turn until it ends or parks. Never throws. */
    void run() {
        // Wall time counts while the turn runs; a pause waiting for a person does not.
        deadlineNanos = System.nanoTime() + context.limits().turnWallTime().toNanos();
        try {
            if (pending.active() != null && pending.active().runId() != null) {
                if (!resumeActiveCall()) return;
            }
            while (true) {
                if (!workThroughCalls()) return;
                checkModelLimits();
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
            LOG.error("turn {} of session {} failed", pending.turnId(), session.id(), e);
            finish(
                    StopReason.ERROR,
                    ErrorCode.InternalError,
                    "the supervisor failed (" + e.getClass().getSimpleName() + "); the backend log has the details");
        }
    }

    /** Ends a turn a dead process left running, with the truth about the call it was running. */
    void finishInterrupted() {
        PendingTurn.ActiveCall active = pending.active();
        if (active != null && active.runId() != null) {
            Optional<Run> run = runIfKnown(active.runId());
            if (run.isPresent() && run.get().status().isTerminal()) {
                record(active, run.get());
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
        PendingTurn.ActiveCall active = pending.active();
        if (active != null && active.runId() != null) {
            try {
                Run cancelled = context.controlPlane().cancel(active.runId());
                emitRunUpdated(active, cancelled);
            } catch (ToolCallException alreadyEnded) {
                // It ended meanwhile; its outcome is recorded on the run.
            }
        }
        finish(StopReason.CANCELLED, null, "cancelled by the person");
    }

    private boolean resumeActiveCall() throws InterruptedException {
        PendingTurn.ActiveCall active = pending.active();
        Run run = context.controlPlane().get(active.runId());
        if (run.status() == RunStatus.AWAITING_APPROVAL) {
            park(active);
            return false;
        }
        if (!run.status().isTerminal()) run = awaitRun(active, run);
        record(active, run);
        return true;
    }

    /** Runs the model's calls that have no result yet; false when the turn parked. */
    private boolean workThroughCalls() throws InterruptedException {
        while (pending.results().size() < pending.calls().size()) {
            if (cancel.isCancelled()) throw new TurnCancelledException();
            ProposedCall call = pending.calls().get(pending.results().size());
            if (!runCall(call)) return false;
        }
        if (!pending.calls().isEmpty()) {
            transcript.add(new TranscriptEntry.ToolResults(pending.results()));
            pending = pending.withCalls(List.of());
            persist();
        }
        return true;
    }

    /** One call through the control plane; false when it parked on an approval. */
    private boolean runCall(ProposedCall call) throws InterruptedException {
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
        checkToolCallLimits();
        pending = pending.countToolCall();
        session = session.withUsage(0, 0, 0, 1, 0, session.provider(), session.model());
        context.events()
                .emit(
                        session.id(),
                        pending.turnId(),
                        SupervisorEvent.TOOL_CALL_PROPOSED,
                        Json.object()
                                .put("callId", call.callId())
                                .put("tool", tool.get())
                                .set("input", context.filter().redact(call.arguments())));
        PendingTurn.ActiveCall active = new PendingTurn.ActiveCall(call.callId(), tool.get(), null, null);
        pending = pending.withActive(active);
        persist();
        Run run;
        try {
            run = context.controlPlane()
                    .start(new CallRequest(
                            tool.get(), call.arguments(), Actor.SUPERVISOR, idempotencyKey(call), session.id()));
        } catch (ToolCallException refused) {
            refusedCall(call, active, refused);
            return true;
        }
        active = new PendingTurn.ActiveCall(call.callId(), tool.get(), run.id(), run.approvalId());
        pending = pending.withActive(active);
        persist();
        context.events()
                .emit(
                        session.id(),
                        pending.turnId(),
                        SupervisorEvent.RUN_STARTED,
                        Json.object()
                                .put("callId", call.callId())
                                .put("runId", run.id())
                                .put("tool", tool.get()));
        if (run.status() == RunStatus.AWAITING_APPROVAL) {
            emitRunUpdated(active, run);
            approvalNeeded(active, run);
            park(active);
            return false;
        }
        if (!run.status().isTerminal()) run = awaitRun(active, run);
        record(active, run);
        return true;
    }

    private void refusedCall(ProposedCall call, PendingTurn.ActiveCall active, ToolCallException refused) {
        JsonNode data = refused.data();
        String runId = data != null && data.path("runId").isString()
                ? data.path("runId").asString()
                : null;
        if (runId != null) {
            context.events()
                    .emit(
                            session.id(),
                            pending.turnId(),
                            SupervisorEvent.RUN_STARTED,
                            Json.object()
                                    .put("callId", call.callId())
                                    .put("runId", runId)
                                    .put("tool", active.tool()));
            ObjectNode update = Json.object()
                    .put("callId", call.callId())
                    .put("runId", runId)
                    .put("tool", active.tool())
                    .put("status", RunStatus.FAILED.wireName());
            update.putObject("error").put("code", refused.code().code()).put("message", refused.getMessage());
            context.events().emit(session.id(), pending.turnId(), SupervisorEvent.RUN_UPDATED, update);
        }
        StringBuilder text = new StringBuilder(refused.getMessage());
        if (data != null && data.path("errors").isArray())
            text.append("\nfailing fields: ").append(Json.write(data.path("errors")));
        if (refused.code() == ErrorCode.InvalidInput) text.append("\nFix the arguments and call the function again.");
        context.store()
                .appendMessage(
                        session.id(),
                        new SessionMessage(
                                "tool",
                                active.tool() + " refused: " + refused.getMessage(),
                                now(),
                                runId,
                                active.tool()));
        addResult(call, text.toString(), true);
    }

    private Run awaitRun(PendingTurn.ActiveCall active, Run started) throws InterruptedException {
        try {
            return cancel.await(context.controlPlane().settle(started.id()), remainingMillis());
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

    /** Turns a settled run into the model's tool result, the client's run_updated and the session's message. */
    private void record(PendingTurn.ActiveCall active, Run run) {
        emitRunUpdated(active, run);
        ProposedCall call = pending.calls().stream()
                .filter(c -> c.callId().equals(active.callId()))
                .findFirst()
                .orElse(null);
        String content;
        boolean isError;
        String message;
        switch (run.status()) {
            case SUCCEEDED -> {
                content = context.filter().forModel(run.output());
                isError = false;
                message = active.tool() + " succeeded";
            }
            case DENIED -> {
                String why = run.error() == null ? "denied" : run.error().message();
                content = "This call was denied and did not run: " + why + ". Accept the decision: do not try this call"
                        + " again in any form; tell the person what was not done.";
                isError = true;
                message = active.tool() + " denied: " + why;
            }
            default -> {
                String why = run.error() == null
                        ? run.status().wireName()
                        : context.filter().redactText(run.error().message());
                content = "The call ended as " + run.status().wireName() + ": " + why;
                isError = true;
                message = active.tool() + " " + run.status().wireName() + ": " + why;
            }
        }
        context.store()
                .appendMessage(session.id(), new SessionMessage("tool", message, now(), run.id(), active.tool()));
        if (call != null && pending.results().stream().noneMatch(r -> r.callId().equals(call.callId()))) {
            pending = pending.withResult(new ToolResult(call.callId(), call.modelToolName(), content, isError));
        }
        persist();
    }

    private void emitRunUpdated(PendingTurn.ActiveCall active, Run run) {
        ObjectNode update = Json.object()
                .put("callId", active.callId())
                .put("runId", run.id())
                .put("tool", active.tool())
                .put("status", run.status().wireName());
        if (run.status() == RunStatus.SUCCEEDED && run.output() != null)
            update.set("output", context.filter().redact(run.output()));
        if (run.error() != null) {
            update.putObject("error")
                    .put("code", run.error().numericCode())
                    .put("message", context.filter().redactText(run.error().message()));
        }
        context.events().emit(session.id(), pending.turnId(), SupervisorEvent.RUN_UPDATED, update);
    }

    private void approvalNeeded(PendingTurn.ActiveCall active, Run run) {
        String reason = context.controlPlane().approvals(ApprovalStatus.PENDING, 1000).stream()
                .filter(approval -> approval.id().equals(run.approvalId()))
                .findFirst()
                .map(Approval::reasons)
                .map(reasons -> String.join("; ", reasons))
                .filter(text -> !text.isBlank())
                .orElse("policy asks a person to approve " + active.tool());
        context.events()
                .emit(
                        session.id(),
                        pending.turnId(),
                        SupervisorEvent.APPROVAL_NEEDED,
                        Json.object()
                                .put("callId", active.callId())
                                .put("runId", run.id())
                                .put("approvalId", run.approvalId())
                                .put("tool", active.tool())
                                .put("reason", reason));
        context.store()
                .appendMessage(
                        session.id(),
                        new SessionMessage(
                                "tool",
                                active.tool() + " waits for approval " + run.approvalId() + " (" + reason + ")",
                                now(),
                                run.id(),
                                active.tool()));
    }

    /** One model call; false when the model answered without calls (the turn is done). */
    private boolean modelStep() throws ModelCallException, InterruptedException {
        long startedNanos = System.nanoTime();
        ModelRequest request = new ModelRequest(
                SystemInstruction.TEXT, transcript, context.catalog().specs());
        ModelReply reply = context.caller().call(request, cancel, deadlineNanos);
        if (cancel.isCancelled()) throw new TurnCancelledException();
        TokenUsage usage = reply.usage();
        double cost = context.price().costUsd(usage);
        pending = pending.countStep(usage.inputTokens(), usage.outputTokens(), cost);
        session = session.withUsage(
                usage.inputTokens(),
                usage.outputTokens(),
                cost,
                0,
                1,
                context.provider().providerName(),
                context.provider().modelName());
        context.store()
                .appendStep(new ModelStepRecord(
                        session.id(),
                        pending.turnId(),
                        context.provider().providerName(),
                        context.provider().modelName(),
                        usage.inputTokens(),
                        usage.outputTokens(),
                        cost,
                        reply.finishReason(),
                        (System.nanoTime() - startedNanos) / 1_000_000,
                        now()));
        transcript.add(new TranscriptEntry.ModelTurn(
                reply.text(), reply.calls(), context.provider().providerName(), reply.providerPayload()));
        if (!reply.text().isBlank()) {
            context.store()
                    .appendMessage(session.id(), new SessionMessage("assistant", reply.text(), now(), null, null));
            context.events()
                    .emit(
                            session.id(),
                            pending.turnId(),
                            SupervisorEvent.ASSISTANT_TEXT,
                            Json.object().put("text", reply.text()));
        }
        if (reply.calls().isEmpty()) {
            if (reply.finishReason() != null && reply.finishReason().startsWith("MALFORMED")
                    || "UNEXPECTED_TOOL_CALL".equals(reply.finishReason())
                    || "TOO_MANY_TOOL_CALLS".equals(reply.finishReason())) {
                transcript.add(new TranscriptEntry.UserText(MALFORMED_CALL_NOTE));
                persist();
                return true;
            }
            persist();
            return false;
        }
        pending = pending.withCalls(reply.calls());
        persist();
        return true;
    }

    private void checkModelLimits() {
        SupervisorLimits limits = context.limits();
        if (pending.steps() >= limits.turnModelSteps()) {
            throw new LimitReachedException("the turn reached its limit of " + limits.turnModelSteps() + " model steps;"
                    + " send a follow-up to continue, or raise supervisor.limits.turn.model_steps");
        }
        if (pending.inputTokens() + pending.outputTokens() >= limits.turnTokens()) {
            throw new LimitReachedException("the turn reached its limit of " + limits.turnTokens() + " tokens;"
                    + " raise supervisor.limits.turn.tokens or ask for less");
        }
        if (pending.costUsd() >= limits.turnCostUsd()) {
            throw new LimitReachedException(String.format(
                    java.util.Locale.ROOT,
                    "the turn reached its estimated cost limit of"
                            + " $%.2f; raise supervisor.limits.turn.cost_usd to allow more",
                    limits.turnCostUsd()));
        }
        if (session.modelSteps() >= limits.sessionModelSteps()) {
            throw new LimitReachedException("this session reached its limit of " + limits.sessionModelSteps()
                    + " model steps; start a new session, or raise supervisor.limits.session.model_steps");
        }
        if (session.inputTokens() + session.outputTokens() >= limits.sessionTokens()) {
            throw new LimitReachedException("this session reached its limit of " + limits.sessionTokens()
                    + " tokens; start a new session, or raise supervisor.limits.session.tokens");
        }
        if (session.costUsd() >= limits.sessionCostUsd()) {
            throw new LimitReachedException(String.format(
                    java.util.Locale.ROOT,
                    "this session reached its estimated cost"
                            + " limit of $%.2f; start a new session, or raise supervisor.limits.session.cost_usd",
                    limits.sessionCostUsd()));
        }
        if (remainingMillis() <= 0) {
            throw new LimitReachedException("the turn reached its wall-time limit of "
                    + limits.turnWallTime().toSeconds() + " s; raise supervisor.limits.turn.wall_seconds");
        }
    }

    private void checkToolCallLimits() {
        SupervisorLimits limits = context.limits();
        if (pending.toolCalls() >= limits.turnToolCalls()) {
            throw new LimitReachedException("the turn reached its limit of " + limits.turnToolCalls() + " tool calls;"
                    + " send a follow-up to continue, or raise supervisor.limits.turn.tool_calls");
        }
        if (session.toolCalls() >= limits.sessionToolCalls()) {
            throw new LimitReachedException("this session reached its limit of " + limits.sessionToolCalls()
                    + " tool calls; start a new session, or raise supervisor.limits.session.tool_calls");
        }
    }

    private void addResult(ProposedCall call, String content, boolean isError) {
        pending = pending.withResult(new ToolResult(call.callId(), call.modelToolName(), content, isError));
        persist();
    }

    private void park(PendingTurn.ActiveCall active) {
        pending = pending.withActive(active);
        session = session.withStatus(SessionStatus.AWAITING_APPROVAL, null, now());
        persist();
        emitFinished(StopReason.AWAITING_APPROVAL);
    }

    private void finish(StopReason reason, ErrorCode code, String message) {
        try {
            // Every call of the model gets a result, so the conversation stays valid for the next turn.
            String why = reason == StopReason.CANCELLED
                    ? "not run: the turn was cancelled"
                    : "not run: the turn ended (" + (message == null ? reason.wireName() : message) + ")";
            for (int i = pending.results().size(); i < pending.calls().size(); i++) {
                ProposedCall call = pending.calls().get(i);
                pending = pending.withResult(new ToolResult(call.callId(), call.modelToolName(), why, true));
            }
            if (!pending.calls().isEmpty()) transcript.add(new TranscriptEntry.ToolResults(pending.results()));
            if (code != null) {
                context.events()
                        .emit(
                                session.id(),
                                pending.turnId(),
                                SupervisorEvent.ERROR,
                                Json.object().put("code", code.code()).put("message", message));
            }
            if (message != null) {
                context.store()
                        .appendMessage(
                                session.id(),
                                new SessionMessage(
                                        "assistant",
                                        reason == StopReason.CANCELLED
                                                ? "Stopped: " + message + "."
                                                : "Stopped: " + message,
                                        now(),
                                        null,
                                        null));
            }
            PendingTurn ended = pending;
            session = session.withStatus(SessionStatus.IDLE, null, now());
            session = session.withState(TranscriptCodec.write(transcript), null, now());
            context.store().update(session);
            pending = ended;
            emitFinished(reason);
        } catch (RuntimeException e) {
            LOG.error("recording the end of turn {} of session {} failed", pending.turnId(), session.id(), e);
        }
    }

    private void emitFinished(StopReason reason) {
        ended = true;
        ObjectNode fields = Json.object().put("stopReason", reason.wireName());
        fields.putObject("usage")
                .put("inputTokens", pending.inputTokens())
                .put("outputTokens", pending.outputTokens())
                .put("costUsd", pending.costUsd());
        fields.putObject("model")
                .put("provider", context.provider().providerName())
                .put("name", context.provider().modelName());
        context.events().emit(session.id(), pending.turnId(), SupervisorEvent.TURN_FINISHED, fields);
    }

    private void persist() {
        session = session.withState(TranscriptCodec.write(transcript), pending.toJson(), now());
        context.store().update(session);
    }

    private Optional<Run> runIfKnown(String runId) {
        try {
            return Optional.of(context.controlPlane().get(runId));
        } catch (ToolCallException e) {
            return Optional.empty();
        }
    }

    private String idempotencyKey(ProposedCall call) {
        // The same call of the same turn is the same effect, also when a resumed turn reaches it again.
        return "supervisor-"
                + Json.sha256Hex(session.id() + "\n" + pending.turnId() + "\n" + call.callId())
                        .substring(0, 40);
    }

    private long remainingMillis() {
        return (deadlineNanos - System.nanoTime()) / 1_000_000;
    }

    private Instant now() {
        return context.clock().instant();
    }
}
