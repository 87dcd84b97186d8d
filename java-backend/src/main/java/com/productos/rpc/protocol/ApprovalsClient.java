package com.productos.rpc.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Approvals the server asks the client's person to decide. */
@JsonSegment(RpcMethods.APPROVALS)
public interface ApprovalsClient {
    @JsonNotification(RpcMethods.REQUESTED)
    void requested(ApprovalRequestedParams params);
}
