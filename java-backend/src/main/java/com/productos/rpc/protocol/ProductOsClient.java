package com.productos.rpc.protocol;

/** Everything the server sends to the client unasked. */
public interface ProductOsClient extends RunsClient, ApprovalsClient, SupervisorClient {}
