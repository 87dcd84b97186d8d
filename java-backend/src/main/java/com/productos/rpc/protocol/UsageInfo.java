package com.productos.rpc.protocol;

/** Tokens used and the estimated cost in dollars. */
public record UsageInfo(long inputTokens, long outputTokens, double costUsd) {}
