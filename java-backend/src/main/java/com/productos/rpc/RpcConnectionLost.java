package com.productos.rpc;

/** The other end of an RPC connection went away before it answered. */
public final class RpcConnectionLost extends RuntimeException {
    public RpcConnectionLost(String message) {
        super(message);
    }
}
