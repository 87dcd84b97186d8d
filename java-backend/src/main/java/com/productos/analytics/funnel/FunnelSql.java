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
 *       the first funnel step they match, then by the set of steps they match (as a bit mask, step 1 =
 *       1, step 2 = 2, step 3 = 4, ...). Events equal in all three are interchangeable, so the
 *       answer is repeatable whatever order storage returns them in.
 *   <li>A path starts at a step-1 event. It reaches step k with an event that matches step k, comes
 *       after the path's step k-1 event in that order (same timestamp counts) and happens at most
 *       {@code conversion_window_days} after the path's step-1 event (inclusive). One event never
 *       fills two steps of a path; a new step-1 event may start a better path.
 *   <li>A user is counted at step k when some path reaches step k; each user counts once per step;
 *       users with no step-1 event are not counted.
 * </ul>
 *
 * <p>How: {@code carry_k} holds the step-k events that extend some path, each with the latest start
 * of such a path. Pass k takes {@code carry_(k-1)} plus the other step-k events, and one window
 * finds, at every event, the latest start carried strictly before it; a step-k event within the
 * window of that start goes into {@code carry_k}. The latest start is always the best one to extend,
 * since it leaves the most of its window. A user reaches step k if they have a row in
 * {@code carry_k}. Each pass sorts only the events carried to step k-1 and the step-k events: a
 * step-(k-1) event that was not carried cannot extend a path to step k either, since any start it
 * could see at step k is no later than the one it already failed with.
 *
 * <p>Users are told apart by {@link SqlDialect#userKey()}: in DuckDB an integer key, since these
 * sorts dominate the query's time and integers sort much faster than user id strings.
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
        String user = dialect.userKey();

        sql.sql("WITH scoped AS (SELECT ").sql(user).sql(" AS k, event_name, properties, ").sql(t).sql(" AS t FROM ")
                .sql(dialect.eventsTable()).sql(" WHERE ").timestampBetween("ts", query.range().fromMicros(), query.range().toMicros())
                .sql(" AND event_name IN (");
        int i = 0;
        for (String name : names) {
            if (i++ > 0) sql.sql(", ");
            sql.param(name);
        }
        sql.sql(")");
        if (!query.segment().isEmpty()) {
            sql.sql(" AND ").sql(user).sql(" IN (SELECT ").sql(user).sql(" FROM ").sql(dialect.eventsTable()).sql(" WHERE ")
                    .timestampBetween("ts", query.range().fromMicros(), query.range().toMicros()).sql(" AND ");
            query.segment().appendCondition(sql, "properties");
            sql.sql(")");
        }
        sql.sql("), matched AS (SELECT k, t, ");
        for (int k = 0; k < n; k++) {
            if (k > 0) sql.sql(" + ");
            appendStepMatch(sql, query.steps().get(k), 1L << k);
        }
        // One sort key o = first_step * 2^n + mask: ordering by it orders by first step, then by mask,
        // and the mask bits stay readable as o & 2^k. One key sorts a little faster than two and is one column less to carry.
        sql.sql(" AS mask FROM scoped), ranked AS (SELECT k, t, (CASE");
        for (int k = 0; k < n; k++) sql.sql(" WHEN ").sql(bit("mask", k)).sql(" THEN ").sql(Integer.toString(k + 1));
        sql.sql(" END) * ").sql(Long.toString(1L << n)).sql(" + mask AS o FROM matched WHERE mask <> 0)");

        String window = " WINDOW w AS (PARTITION BY k ORDER BY t, o ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)";
        // Pass k sees only the events that can carry a path from step k-1 (with their start) or extend one to step k.
        sql.sql(", carry1 AS (SELECT k, t, o, t AS start FROM ranked WHERE ").sql(bit("o", 0)).sql(")");
        for (int k = 2; k <= n; k++) {
            String kk = Integer.toString(k);
            sql.sql(", input").sql(kk).sql(" AS (SELECT k, t, o, start FROM carry").sql(Integer.toString(k - 1))
                    .sql(" UNION ALL SELECT k, t, o, NULL AS start FROM ranked WHERE ").sql(bit("o", k - 1))
                    .sql(" AND NOT ").sql(bit("o", k - 2)).sql(")");
            sql.sql(", latest").sql(kk).sql(" AS (SELECT k, t, o, start, MAX(start) OVER w AS before FROM input").sql(kk)
                    .sql(window).sql(")");
            sql.sql(", carry").sql(kk).sql(" AS (SELECT k, t, o, before AS start FROM latest").sql(kk)
                    .sql(" WHERE ").sql(bit("o", k - 1)).sql(" AND t - before <= ").param(query.conversionWindowMicros()).sql(")");
        }
        // A user reaches step k < n once: at their first carry_k row, the one pass k+1 sees with no
        // carried start before it. Counting those rows avoids a distinct count over every carried event.
        sql.sql(" SELECT ");
        for (int k = 1; k < n; k++) {
            sql.sql("(SELECT COUNT(*) FROM latest").sql(Integer.toString(k + 1))
                    .sql(" WHERE start IS NOT NULL AND before IS NULL) AS s").sql(Integer.toString(k)).sql(", ");
        }
        sql.sql("(SELECT COUNT(DISTINCT k) FROM carry").sql(Integer.toString(n)).sql(") AS s").sql(Integer.toString(n));
        return sql;
    }

    private static void appendStepMatch(SqlStatement sql, FunnelStep step, long bit) {
        sql.sql("(CASE WHEN event_name = ").param(step.eventName());
        if (!step.filter().isEmpty()) {
            sql.sql(" AND ");
            step.filter().appendCondition(sql, "properties");
        }
        sql.sql(" THEN ").sql(Long.toString(bit)).sql(" ELSE 0 END)");
    }

    private static String bit(String column, int k) {
        return "(" + column + " & " + (1L << k) + ") <> 0";
    }
}
