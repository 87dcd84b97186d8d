package com.productos.rpc.protocol;

/**
 * Filters and paging for runs/list, newest first. Absent filters match everything; {@code limit} is
 * 1..500 (default 50); {@code cursor} is the {@code nextCursor} of the previous page.
 */
public record ListRunsParams(
        String tool, String status, String actor, String sessionId, Integer limit, String cursor) {}
