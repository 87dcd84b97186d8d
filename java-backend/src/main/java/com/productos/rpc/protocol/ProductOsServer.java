package com.productos.rpc.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonDelegate;

/** Everything the backend answers, one delegate per protocol area. */
public interface ProductOsServer {
    @JsonDelegate
    LifecycleProtocol lifecycle();

    @JsonDelegate
    RegistryProtocol registry();

    @JsonDelegate
    RunsProtocol runs();

    @JsonDelegate
    ApprovalsProtocol approvals();

    @JsonDelegate
    SupervisorProtocol supervisor();

    @JsonDelegate
    SessionsProtocol sessions();
}
