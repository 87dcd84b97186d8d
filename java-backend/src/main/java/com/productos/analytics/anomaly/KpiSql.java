package com.productos.analytics.anomaly;

import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;

/**
 * The KPI series: rows {@code (bucket, numerator, denominator)}, only buckets with events. For
 * event_count and distinct_users the denominator is 1; for conversion the numerator is the users
 * with a to-event at or after their first from-event in the bucket, the denominator the users with a
 * from-event in it.
 */
public final class KpiSql {
    private KpiSql() {}

    public static SqlStatement build(KpiQuery query, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        String bucket = query.granularity().sql(dialect.epochMicros("ts"), "ts");
        String user = dialect.userKey();
        switch (query.kind()) {
            case EVENT_COUNT, DISTINCT_USERS -> {
                sql.sql("SELECT ")
                        .sql(bucket)
                        .sql(" AS b, ")
                        .sql(query.kind() == KpiQuery.Kind.EVENT_COUNT ? "COUNT(*)" : "COUNT(DISTINCT " + user + ")")
                        .sql(" AS n, 1 AS d FROM ")
                        .eventsInRange(query.range().fromMicros(), query.range().toMicros())
                        .sql(" AND event_name = ")
                        .param(query.eventName())
                        .sql(" GROUP BY b");
            }
            case CONVERSION -> {
                sql.sql("WITH per_user AS (SELECT ")
                        .sql(user)
                        .sql(" AS u, ")
                        .sql(bucket)
                        .sql(" AS b, MIN(CASE WHEN event_name = ")
                        .param(query.fromEvent())
                        .sql(" THEN ")
                        .sql(dialect.epochMicros("ts"))
                        .sql(" END) AS first_from, MAX(CASE WHEN event_name = ")
                        .param(query.toEvent())
                        .sql(" THEN ")
                        .sql(dialect.epochMicros("ts"))
                        .sql(" END) AS last_to FROM ")
                        .eventsInRange(query.range().fromMicros(), query.range().toMicros())
                        .sql(" AND event_name IN (")
                        .param(query.fromEvent())
                        .sql(", ")
                        .param(query.toEvent())
                        .sql(") GROUP BY u, b)")
                        .sql(
                                " SELECT b, COUNT(CASE WHEN last_to >= first_from THEN 1 END) AS n, COUNT(first_from) AS d FROM per_user")
                        .sql(" WHERE first_from IS NOT NULL GROUP BY b");
            }
        }
        return sql;
    }
}
