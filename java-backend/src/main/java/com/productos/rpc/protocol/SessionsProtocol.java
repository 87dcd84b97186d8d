package com.productos.rpc.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Chat sessions, persisted in the workspace: listed and reopened, also after a restart. */
@JsonSegment(RpcMethods.SESSIONS)
public interface SessionsProtocol {
    @JsonRequest(RpcMethods.LIST)
    CompletableFuture<SessionsListResult> list(SessionsListParams params);

    @JsonRequest(RpcMethods.GET)
    CompletableFuture<SessionsGetResult> get(SessionIdParams params);
}
