package com.productos.analytics.retention;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.TimeBucket;

/**
 * A cohort retention question; counting in {@link RetentionSql}.
 *
 * @param startEvent the event whose first occurrence in the range puts a user in a cohort; null = any event
 * @param returnEvent the event that counts as coming back; null = any event
 * @param maxPeriods how many periods after the cohort's own to report (the triangle's width minus one)
 */
public record RetentionQuery(
        TimeBucket period, String startEvent, String returnEvent, int maxPeriods, TimeRange range) {}
