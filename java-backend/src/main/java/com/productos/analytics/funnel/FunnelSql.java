package com.productos.analytics.funnel;

import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ordered-funnel query, as PostHog defines an ordered funnel. Semantics:
 *
 * <ul>
 *   <li>Only events in the time range count, and only for users in the segment (users with at least
 *       one event in the range whose properties match it).
 *   <li>Per user, events are taken in time order; events at the same instant are taken in the order of
 *       the first funnel step they match, then by insert id, so the order is total and repeatable.
 *   <li>A path starts at a step-1 event. It reaches step k with an event that matches step k, comes
 *       after the path's step k-1 event in that order (same timestamp counts) and happens at most
 *       {@code conversion_window_days} after the path's step-1 event (inclusive). One event never
 *       fills two steps of a path; a new step-1 event may start a better path.
 *   <li>A user is counted at step k when some path reaches step k; each user counts once per step;
 *       users with no step-1 event are not counted.
 * </ul>
 *
 * <p>How: for each step, one window pass keeps, at every event, the latest start of a path that has
 * reached the previous step strictly before that event. The latest start is always the best one to
 * extend, since it leaves the most of its window. A user reaches step k if any step-k event found
 * such a start within the window. Query cost: one sort per step over the events that match a step.
 */
public final class FunnelSql {
    private FunnelSql() {}

    /** The query; its one row holds the user count of each step, as columns {@code s1..sN}. */
    public static SqlStatement build(FunnelQuery query, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        int n = query.steps().size();
        Set<String> names = new LinkedHashSet<>();
        for (FunnelStep step : query.steps()) names.add(step.eventName());
        String t = dialect.epochMicros("ts");

        sql.sql("WITH scoped AS (SELECT user_id, event_name, insert_id, properties, ").sql(t).sql(" AS t FROM ")
                .sql(dialect.eventsTable()).sql(" WHERE ").sql(t).sql(" BETWEEN ").param(query.range().fromMicros())
                .sql(" AND ").param(query.range().toMicros()).sql(" AND event_name IN (");
        int i = 0;
        for (String name : names) {
            if (i++ > 0) sql.sql(", ");
            sql.param(name);
        }
        sql.sql(")");
        if (!query.segment().isEmpty()) {
            sql.sql(" AND user_id IN (SELECT user_id FROM ").sql(dialect.eventsTable()).sql(" WHERE ").sql(t)
                    .sql(" BETWEEN ").param(query.range().fromMicros()).sql(" AND ").param(query.range().toMicros()).sql(" AND ");
            query.segment().appendCondition(sql, "properties");
            sql.sql(")");
        }
        sql.sql("), matched AS (SELECT user_id, insert_id, t, ");
        for (int k = 0; k < n; k++) {
            if (k > 0) sql.sql(" + ");
            appendStepMatch(sql, query.steps().get(k));
            sql.sql(" * ").sql(Long.toString(1L << k));
        }
        sql.sql(" AS mask FROM scoped), ranked AS (SELECT *, CASE");
        for (int k = 0; k < n; k++) sql.sql(" WHEN ").sql(bit("mask", k)).sql(" THEN ").sql(Integer.toString(k + 1));
        sql.sql(" END AS first_step FROM matched WHERE mask <> 0)");

        String window = " WINDOW w AS (PARTITION BY user_id ORDER BY t, first_step, insert_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
        // reached1: step-1 events; start_k: the start of a path this event carries to step k (k >= 2).
        sql.sql(", pass1 AS (SELECT *, CASE WHEN ").sql(bit("mask", 0)).sql(" THEN t END AS start1 FROM ranked)");
        for (int k = 2; k <= n; k++) {
            String previous = "pass" + (k - 1);
            sql.sql(", latest").sql(Integer.toString(k)).sql(" AS (SELECT *, MAX(start").sql(Integer.toString(k - 1))
                    .sql(") OVER w AS before").sql(Integer.toString(k)).sql(" FROM ").sql(previous).sql(window).sql(")");
            sql.sql(", pass").sql(Integer.toString(k)).sql(" AS (SELECT *, CASE WHEN ").sql(bit("mask", k - 1))
                    .sql(" AND t - before").sql(Integer.toString(k)).sql(" <= ").param(query.conversionWindowMicros())
                    .sql(" THEN before").sql(Integer.toString(k)).sql(" END AS start").sql(Integer.toString(k))
                    .sql(" FROM latest").sql(Integer.toString(k)).sql(")");
        }
        sql.sql(", per_user AS (SELECT user_id");
        for (int k = 1; k <= n; k++) {
            sql.sql(", MAX(CASE WHEN start").sql(Integer.toString(k)).sql(" IS NULL THEN 0 ELSE 1 END) AS r").sql(Integer.toString(k));
        }
        sql.sql(" FROM pass").sql(Integer.toString(n)).sql(" GROUP BY user_id) SELECT ");
        for (int k = 1; k <= n; k++) {
            if (k > 1) sql.sql(", ");
            sql.sql("COALESCE(SUM(r").sql(Integer.toString(k)).sql("), 0) AS s").sql(Integer.toString(k));
        }
        return sql.sql(" FROM per_user");
    }

    private static void appendStepMatch(SqlStatement sql, FunnelStep step) {
        sql.sql("(CASE WHEN event_name = ").param(step.eventName());
        if (!step.filter().isEmpty()) {
            sql.sql(" AND ");
            step.filter().appendCondition(sql, "properties");
        }
        sql.sql(" THEN 1 ELSE 0 END)");
    }

    private static String bit(String column, int k) {
        return "(" + column + " & " + (1L << k) + ") <> 0";
    }
}
