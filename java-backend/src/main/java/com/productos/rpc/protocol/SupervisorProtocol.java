package com.productos.rpc.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The chat's model loop (registry/supervisor-protocol.json). A turn's progress arrives as supervisor/event. */
@JsonSegment(RpcMethods.SUPERVISOR)
public interface SupervisorProtocol {
    /** Returns at once with the session and turn ids; the turn's events follow. */
    @JsonRequest(RpcMethods.SEND)
    CompletableFuture<SupervisorSendResult> send(SupervisorSendParams params);

    @JsonRequest(RpcMethods.CANCEL)
    CompletableFuture<SupervisorCancelResult> cancel(SupervisorCancelParams params);

    @JsonRequest(RpcMethods.INFO)
    CompletableFuture<SupervisorInfoResult> info(Object params);
}
