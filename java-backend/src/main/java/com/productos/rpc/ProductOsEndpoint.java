package com.productos.rpc;

import com.productos.rpc.protocol.ApprovalsProtocol;
import com.productos.rpc.protocol.LifecycleProtocol;
import com.productos.rpc.protocol.ProductOsServer;
import com.productos.rpc.protocol.RegistryProtocol;
import com.productos.rpc.protocol.RunsProtocol;
import com.productos.rpc.protocol.SessionsProtocol;
import com.productos.rpc.protocol.SupervisorProtocol;

/** The local service lsp4j dispatches to: one handler object per protocol area. */
record ProductOsEndpoint(
        LifecycleProtocol lifecycle,
        RegistryProtocol registry,
        RunsProtocol runs,
        ApprovalsProtocol approvals,
        SupervisorProtocol supervisor,
        SessionsProtocol sessions)
        implements ProductOsServer {}
