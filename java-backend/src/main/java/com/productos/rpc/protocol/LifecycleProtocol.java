package com.productos.rpc.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/** The connection's life, as in LSP: initialize first, shutdown, then the exit notification. */
public interface LifecycleProtocol {
    @JsonRequest(RpcMethods.INITIALIZE)
    CompletableFuture<InitializeResult> initialize(InitializeParams params);

    /** After this, every request is refused with InvalidRequest; only exit remains. */
    @JsonRequest(RpcMethods.SHUTDOWN)
    CompletableFuture<Object> shutdown();

    @JsonNotification(RpcMethods.EXIT)
    void exit();
}
