package com.productos.analytics.anomaly;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.TimeBucket;

/**
 * A KPI per hour or day over a range, to be checked for anomalies.
 *
 * @param eventName the counted event (event_count, distinct_users)
 * @param fromEvent for conversion: the event that makes a user a starter in a period
 * @param toEvent for conversion: the event that converts a starter, at or after their first start in that period
 * @param threshold how many robust standard deviations from the expected value make an anomaly
 */
public record KpiQuery(
        Kind kind,
        String eventName,
        String fromEvent,
        String toEvent,
        TimeBucket granularity,
        TimeRange range,
        double threshold) {
    public enum Kind {
        EVENT_COUNT,
        DISTINCT_USERS,
        CONVERSION;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
