package com.productos.runs;

import java.util.List;

/** One page of runs; {@code nextCursor} is null on the last page. */
public record RunPage(List<Run> runs, String nextCursor) {}
