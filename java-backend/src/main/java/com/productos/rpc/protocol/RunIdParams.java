package com.productos.rpc.protocol;

/** Names one run (runs/get, runs/cancel). */
public record RunIdParams(String runId) {}
