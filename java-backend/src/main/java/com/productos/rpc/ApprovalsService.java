package com.productos.rpc;

import com.productos.control.ControlPlane;
import com.productos.policy.Actor;
import com.productos.rpc.protocol.ApprovalsProtocol;
import com.productos.rpc.protocol.DecideApprovalParams;
import com.productos.rpc.protocol.ListApprovalsParams;
import com.productos.rpc.protocol.ListApprovalsResult;
import com.productos.rpc.protocol.RunInfo;
import com.productos.rpc.protocol.WireTypes;
import com.productos.runs.ApprovalStatus;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** approvals/*: the person at the editor lists and decides approvals; decisions are recorded as theirs. */
final class ApprovalsService implements ApprovalsProtocol {
    static final int DEFAULT_LIST_LIMIT = 100;
    static final int MAX_LIST_LIMIT = 500;
    private static final List<String> STATUSES =
            Arrays.stream(ApprovalStatus.values()).map(ApprovalStatus::wireName).toList();
    private static final List<String> DECISIONS = List.of("approve", "deny");

    private final CompletableFuture<ControlPlane> controlPlane;
    private final Executor blockingWork;

    ApprovalsService(CompletableFuture<ControlPlane> controlPlane, Executor blockingWork) {
        this.controlPlane = controlPlane;
        this.blockingWork = blockingWork;
    }

    @Override
    public CompletableFuture<ListApprovalsResult> list(ListApprovalsParams params) {
        ListApprovalsParams given = params == null ? new ListApprovalsParams(null, null) : params;
        ApprovalStatus status = Params.optionalChoice(given.status(), "status", ApprovalStatus::parse, STATUSES);
        int limit = Params.limit(given.limit(), "limit", DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        return controlPlane.thenApplyAsync(
                plane -> new ListApprovalsResult(plane.approvals(status, limit).stream()
                        .map(WireTypes::approval)
                        .toList()),
                blockingWork);
    }

    @Override
    public CompletableFuture<RunInfo> decide(DecideApprovalParams params) {
        Params.present(params, "{approvalId, decision: \"approve\"|\"deny\", note?}");
        String approvalId = Params.requiredText(params.approvalId(), "approvalId");
        String decision = Params.requiredText(params.decision(), "decision");
        if (!DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("params.decision '" + decision + "' is not one of " + DECISIONS);
        }
        String note = Params.optionalText(params.note(), "note");
        return controlPlane.thenApplyAsync(
                plane -> WireTypes.run(
                        plane.decide(approvalId, decision.equals("approve"), Actor.USER.wireName(), note), false),
                blockingWork);
    }
}
