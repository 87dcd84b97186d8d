package com.productos.rpc.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** The tool registry. */
@JsonSegment(RpcMethods.REGISTRY)
public interface RegistryProtocol {
    @JsonRequest(RpcMethods.LIST_TOOLS)
    CompletableFuture<ListToolsResult> listTools();
}
