package com.productos.rpc.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The approvals a person decides. */
@JsonSegment(RpcMethods.APPROVALS)
public interface ApprovalsProtocol {
    @JsonRequest(RpcMethods.LIST)
    CompletableFuture<ListApprovalsResult> list(ListApprovalsParams params);

    /** Returns the run the approval was for: queued again when approved, denied when denied. */
    @JsonRequest(RpcMethods.DECIDE)
    CompletableFuture<RunInfo> decide(DecideApprovalParams params);
}
