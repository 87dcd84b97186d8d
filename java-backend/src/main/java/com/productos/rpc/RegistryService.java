package com.productos.rpc;

import com.productos.registry.ToolRegistry;
import com.productos.rpc.protocol.ListToolsResult;
import com.productos.rpc.protocol.RegistryProtocol;
import com.productos.rpc.protocol.WireTypes;
import java.util.concurrent.CompletableFuture;

/**
 * registry/listTools. The registry is immutable for the life of the process, so its wire form is built
 * once, as soon as the registry is loaded, and every call answers from memory on the reader thread.
 */
final class RegistryService implements RegistryProtocol {
    private final CompletableFuture<ListToolsResult> tools;

    RegistryService(CompletableFuture<ToolRegistry> registry) {
        this.tools = registry.thenApply(loaded ->
                new ListToolsResult(loaded.tools().stream().map(WireTypes::tool).toList()));
    }

    @Override
    public CompletableFuture<ListToolsResult> listTools() {
        return tools.copy();
    }
}
