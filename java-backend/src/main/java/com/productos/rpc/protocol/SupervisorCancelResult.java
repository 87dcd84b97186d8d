package com.productos.rpc.protocol;

/** False when no turn was running. */
public record SupervisorCancelResult(boolean cancelled) {}
