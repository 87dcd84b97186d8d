package com.productos.analytics.retention;

import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;

/**
 * Cohort retention, as PostHog's "first time" retention counts it, within the range: a user's cohort
 * is the period of their first start event in the range; they are retained in period {@code p >= 1}
 * when they have a return event in the period {@code p} after their cohort's. Period 0 is the
 * cohort itself. Rows: {@code (cohort, offset, users)}, offset 0 carrying the cohort size.
 */
public final class RetentionSql {
    private RetentionSql() {}

    public static SqlStatement build(RetentionQuery query, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        String bucket = query.period().sql(dialect.epochMicros("ts"), "ts");
        sql.sql("WITH scoped AS (SELECT ")
                .sql(dialect.userKey())
                .sql(" AS u, event_name, ")
                .sql(bucket)
                .sql(" AS p FROM ")
                .eventsInRange(query.range().fromMicros(), query.range().toMicros());
        if (query.startEvent() != null && query.returnEvent() != null) {
            sql.sql(" AND event_name IN (")
                    .param(query.startEvent())
                    .sql(", ")
                    .param(query.returnEvent())
                    .sql(")");
        }
        sql.sql("), cohorts AS (SELECT u, MIN(p) AS c FROM scoped");
        if (query.startEvent() != null) sql.sql(" WHERE event_name = ").param(query.startEvent());
        sql.sql(" GROUP BY u), returns AS (SELECT DISTINCT u, p FROM scoped");
        if (query.returnEvent() != null) sql.sql(" WHERE event_name = ").param(query.returnEvent());
        sql.sql(") SELECT c, 0 AS period_offset, COUNT(*) AS users FROM cohorts GROUP BY c"
                        + " UNION ALL SELECT c.c, r.p - c.c AS period_offset, COUNT(*) AS users FROM cohorts c JOIN returns r"
                        + " ON r.u = c.u AND r.p > c.c AND r.p - c.c <= ")
                .param((long) query.maxPeriods())
                .sql(" GROUP BY c.c, r.p - c.c");
        return sql;
    }
}
