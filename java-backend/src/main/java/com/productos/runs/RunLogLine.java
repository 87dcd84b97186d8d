package com.productos.runs;

import java.time.Instant;

/** One log line of a run, numbered from 1 in the order it was recorded. */
public record RunLogLine(String runId, long sequence, Instant timestamp, String severity, String text) {}
