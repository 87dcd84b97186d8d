package com.productos.control;

import com.productos.json.Json;
import com.productos.registry.ToolDefinition;
import com.productos.registry.ToolRegistry;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.ApprovalStore;
import com.productos.runs.Run;
import com.productos.runs.RunError;
import com.productos.runs.RunStatus;
import com.productos.runs.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a run waits for a person: creates the approval bound to the run's tool, input hash and
 * actor, records the decision once, and says which run an approval releases. Expired approvals end
 * their run as cancelled. The gate ends runs through the control plane's {@link RunEnding}, so the
 * store, listeners and waiting callers see one outcome.
 */
final class ApprovalGate {
    /** Ends a run with a terminal status: stored, logged, published and settled. */
    interface RunEnding {
        Run finish(Run run, RunStatus status, RunError error);
    }

    /** A recorded decision: the run it ended, or the run (still awaiting) that may now execute {@code tool}. */
    record Decision(Run run, ToolDefinition release) {}

    private final ApprovalStore approvals;
    private final RunStore runs;
    private final RunEvents events;
    private final Clock clock;
    private final Supplier<Duration> ttl;
    private final RunEnding ending;

    ApprovalGate(
            ApprovalStore approvals,
            RunStore runs,
            RunEvents events,
            Clock clock,
            Supplier<Duration> ttl,
            RunEnding ending) {
        this.approvals = approvals;
        this.runs = runs;
        this.events = events;
        this.clock = clock;
        this.ttl = ttl;
        this.ending = ending;
    }

    /** Parks {@code run} until someone decides; returns it as awaiting approval. */
    Run park(Run run, List<String> reasons, Instant now) {
        String approvalId = RunIds.newId("apr", now);
        Approval approval = new Approval(
                approvalId,
                run.id(),
                run.tool(),
                run.inputHash(),
                run.actor(),
                ApprovalStatus.PENDING,
                reasons,
                now,
                now.plus(ttl.get()),
                null,
                null,
                null);
        approvals.insert(approval);
        Run parked = run.withApproval(approvalId, now);
        runs.update(parked);
        events.log(run.id(), "INFO", "waiting for approval " + approvalId + " (expires " + approval.expiresAt() + ")");
        events.updated(parked);
        events.approvalRequested(approval, parked);
        return parked;
    }

    /**
     * Records a decision on a pending approval. Denying ends the run as denied; approving releases
     * exactly the run it was created for, once, when the run still matches it.
     */
    Decision decide(String approvalId, boolean approve, String decidedBy, String note, ToolRegistry registry) {
        Approval approval = approvals
                .get(approvalId)
                .orElseThrow(() -> new ToolCallException(
                        ErrorCode.ApprovalNotFound,
                        "no approval has id '" + approvalId + "'; list pending ones with approvals/list"));
        Instant now = clock.instant();
        boolean expiryRecorded = approval.status() == ApprovalStatus.EXPIRED;
        if (approval.isExpired(now) || expiryRecorded) {
            if (!expiryRecorded) expire(approval, now);
            throw new ToolCallException(
                    ErrorCode.ApprovalExpired,
                    "approval " + approvalId + " expired at " + approval.expiresAt()
                            + "; start the call again to ask anew",
                    Json.object().put("runId", approval.runId()));
        }
        if (approval.status() != ApprovalStatus.PENDING) {
            throw new ToolCallException(
                    ErrorCode.InvalidRunState,
                    "approval " + approvalId + " is already "
                            + approval.status().wireName(),
                    Json.object().put("runId", approval.runId()));
        }
        Run run = runs.get(approval.runId())
                .orElseThrow(() -> new ToolCallException(
                        ErrorCode.RunNotFound,
                        "approval " + approvalId + " names run " + approval.runId() + ", which is not recorded"));
        ApprovalStatus next = approve ? ApprovalStatus.APPROVED : ApprovalStatus.DENIED;
        if (approvals
                .transition(approvalId, ApprovalStatus.PENDING, next, now, decidedBy, note)
                .isEmpty()) {
            throw new ToolCallException(
                    ErrorCode.InvalidRunState,
                    "approval " + approvalId + " was decided by someone else a moment ago",
                    Json.object().put("runId", run.id()));
        }
        events.log(
                run.id(),
                "INFO",
                (approve ? "approved" : "denied") + " by " + decidedBy + (note == null ? "" : ": " + note));
        if (!approve)
            return new Decision(ending.finish(run, RunStatus.DENIED, RunErrors.deniedBy(decidedBy, note)), null);
        ToolDefinition tool = registry.find(run.tool()).orElse(null);
        boolean bound = tool != null
                && run.tool().equals(approval.tool())
                && run.actor().equals(approval.actor())
                && approval.inputHash().equals(run.inputHash())
                && run.inputHash().equals(Json.canonicalHash(run.input()));
        if (!bound
                || approvals
                        .transition(approvalId, ApprovalStatus.APPROVED, ApprovalStatus.CONSUMED, now, decidedBy, note)
                        .isEmpty()) {
            return new Decision(ending.finish(run, RunStatus.FAILED, RunErrors.approvalDoesNotBind()), null);
        }
        return new Decision(run, tool);
    }

    /** Withdraws the pending approval of a run that is being cancelled. */
    void withdraw(Run run) {
        if (run.status() == RunStatus.AWAITING_APPROVAL && run.approvalId() != null) {
            approvals.transition(
                    run.approvalId(),
                    ApprovalStatus.PENDING,
                    ApprovalStatus.DENIED,
                    clock.instant(),
                    "system",
                    "run cancelled");
        }
    }

    /** Expires pending approvals past their time, ending their runs as cancelled. */
    void expireStale() {
        Instant now = clock.instant();
        for (Approval approval : approvals.list(ApprovalStatus.PENDING, 1000)) {
            if (approval.isExpired(now)) expire(approval, now);
        }
    }

    private void expire(Approval approval, Instant now) {
        if (approvals
                .transition(approval.id(), ApprovalStatus.PENDING, ApprovalStatus.EXPIRED, now, "system", "expired")
                .isEmpty()) {
            return;
        }
        runs.get(approval.runId())
                .filter(run -> !run.status().isTerminal())
                .ifPresent(run -> ending.finish(run, RunStatus.CANCELLED, RunErrors.approvalExpired(approval)));
    }
}
