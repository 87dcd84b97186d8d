package com.productos.rpc.protocol;

import java.util.List;

/** One page of runs; {@code nextCursor} is absent on the last page. */
public record ListRunsResult(List<RunInfo> runs, String nextCursor) {}
