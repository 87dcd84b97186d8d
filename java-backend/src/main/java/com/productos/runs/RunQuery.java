package com.productos.runs;

/**
 * Filters for listing runs, newest first. Null filters match everything. {@code beforeCursor} is the
 * opaque cursor of the previous page's last run.
 */
public record RunQuery(String tool, RunStatus status, String actor, String sessionId, int limit, String beforeCursor) {
    public static final int MAX_LIMIT = 500;

    public RunQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    public static RunQuery latest(int limit) {
        return new RunQuery(null, null, null, null, limit, null);
    }
}
