package com.productos.rpc.protocol;

/** One log line of a run (also the params of the runs/log notification); {@code time} is ISO-8601 UTC. */
public record RunLogInfo(String runId, long sequence, String time, String severity, String text) {}
