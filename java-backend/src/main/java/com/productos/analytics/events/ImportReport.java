package com.productos.analytics.events;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one file import. {@code eventsRead} counts events found (a JSONL line may hold
 * several); {@code imported} were stored, {@code duplicates} were already stored (or repeated in the
 * file), {@code rejectedCount} were refused. {@code rejected} lists the first {@link #MAX_LISTED}
 * refusals with line numbers and reasons.
 */
public record ImportReport(
        Path file, ImportFormat format, long recordsRead, long eventsRead, long imported, long duplicates,
        long rejectedCount, List<RejectedRow> rejected) {
    public static final int MAX_LISTED = 1000;
}
