package com.productos.analytics.sql;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Calendar buckets of event time in UTC, numbered so that consecutive buckets differ by one: hours and
 * days since the epoch, weeks starting on Monday (week 0 holds 1970-01-01, a Thursday), and months as
 * {@code year * 12 + month - 1}. The same SQL works in DuckDB and BigQuery.
 */
public enum TimeBucket {
    HOUR,
    DAY,
    WEEK,
    MONTH;

    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The bucket number of a row, from its epoch-micros expression {@code micros} and TIMESTAMP column {@code ts}. */
    public String sql(String micros, String ts) {
        return switch (this) {
            case HOUR -> "CAST(FLOOR(" + micros + " / " + MICROS_PER_HOUR + ") AS BIGINT)";
            case DAY -> "CAST(FLOOR(" + micros + " / " + MICROS_PER_DAY + ") AS BIGINT)";
            case WEEK -> "CAST(FLOOR((FLOOR(" + micros + " / " + MICROS_PER_DAY + ") + 3) / 7) AS BIGINT)";
            case MONTH -> "(EXTRACT(YEAR FROM " + ts + ") * 12 + EXTRACT(MONTH FROM " + ts + ") - 1)";
        };
    }

    /** The bucket number of an instant, as {@link #sql} computes it. */
    public long of(Instant instant) {
        long seconds = instant.getEpochSecond();
        return switch (this) {
            case HOUR -> Math.floorDiv(seconds, 3600L);
            case DAY -> Math.floorDiv(seconds, 86_400L);
            case WEEK -> Math.floorDiv(Math.floorDiv(seconds, 86_400L) + 3, 7);
            case MONTH -> {
                LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
                yield date.getYear() * 12L + date.getMonthValue() - 1;
            }
        };
    }

    /** Where a bucket starts. */
    public Instant start(long bucket) {
        return switch (this) {
            case HOUR -> Instant.ofEpochSecond(bucket * 3600L);
            case DAY -> Instant.ofEpochSecond(bucket * 86_400L);
            case WEEK -> Instant.ofEpochSecond((bucket * 7 - 3) * 86_400L);
            case MONTH ->
                LocalDate.of((int) Math.floorDiv(bucket, 12), (int) Math.floorMod(bucket, 12) + 1, 1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The bucket named by a tool input ("hour", "day", "week", "month"), or null. */
    public static TimeBucket parse(String text) {
        for (TimeBucket bucket : values()) if (bucket.label().equals(text)) return bucket;
        return null;
    }
}
