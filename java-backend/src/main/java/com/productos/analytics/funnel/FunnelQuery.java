package com.productos.analytics.funnel;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.PropertyFilter;
import java.util.List;

/**
 * An ordered funnel question. See {@link FunnelSql} for exactly how users are counted.
 *
 * @param segment users to count: those with at least one event in the range matching it (empty = all)
 * @param conversionWindowDays how long after its step-1 event a path may take to reach a later step
 */
public record FunnelQuery(
        String name, List<FunnelStep> steps, PropertyFilter segment, int conversionWindowDays, TimeRange range) {
    public static final int DEFAULT_CONVERSION_WINDOW_DAYS = 14;

    public FunnelQuery {
        steps = List.copyOf(steps);
    }

    public long conversionWindowMicros() {
        return conversionWindowDays * 86_400_000_000L;
    }
}
