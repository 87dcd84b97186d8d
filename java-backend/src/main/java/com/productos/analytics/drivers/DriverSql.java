package com.productos.analytics.drivers;

import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;

/**
 * The top-drivers counts. The population is every user with an event in the range (and in the
 * segment); a user converted if they did the target event in the range. A feature counts for a
 * converted user only if it happened before their first conversion in the range (the window before
 * conversion), and for other users if it happened anywhere in the range. The target event is never
 * a feature.
 */
public final class DriverSql {
    private DriverSql() {}

    /** One row: population users, converted users. */
    public static SqlStatement totals(DriverQuery query, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        appendCommon(sql, query);
        return sql.sql(
                " SELECT (SELECT COUNT(DISTINCT user_id) FROM scoped) AS users, (SELECT COUNT(*) FROM conv) AS converted");
    }

    /** Rows of kind, feature, users, converted users. */
    public static SqlStatement features(DriverQuery query, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        appendCommon(sql, query);
        // Per user and feature, when it first happened; it counts if that is before the user's first conversion.
        sql.sql(", firsts AS (SELECT user_id, ")
                .param(FeatureCount.EVENT)
                .sql(" AS kind, event_name AS feature, MIN(t) AS first_t " + "FROM scoped WHERE event_name <> ")
                .param(query.targetEvent());
        if (!query.candidateEvents().isEmpty()) {
            sql.sql(" AND event_name IN (");
            for (int i = 0; i < query.candidateEvents().size(); i++) {
                if (i > 0) sql.sql(", ");
                sql.param(query.candidateEvents().get(i));
            }
            sql.sql(")");
        }
        sql.sql(" GROUP BY user_id, event_name");
        for (String key : query.candidateProperties()) {
            String value = sql.dialect().propertyText("properties", key);
            sql.sql(" UNION ALL SELECT user_id, ")
                    .param(key)
                    .sql(" AS kind, ")
                    .sql(value)
                    .sql(" AS feature, MIN(t) AS first_t FROM scoped " + "WHERE event_name <> ")
                    .param(query.targetEvent())
                    .sql(" AND ")
                    .sql(value)
                    .sql(" IS NOT NULL GROUP BY user_id, ")
                    .sql(value);
        }
        return sql.sql(
                "), features AS (SELECT f.kind, f.feature, c.conv_t FROM firsts f LEFT JOIN conv c ON f.user_id = c.user_id "
                        + "WHERE c.conv_t IS NULL OR f.first_t < c.conv_t) SELECT kind, feature, COUNT(*) AS users, COUNT(conv_t) AS converted "
                        + "FROM features GROUP BY kind, feature");
    }

    private static void appendCommon(SqlStatement sql, DriverQuery query) {
        String t = sql.dialect().epochMicros("ts");
        String events = sql.dialect().eventsTable();
        sql.sql("WITH scoped AS (SELECT user_id, event_name, properties, ")
                .sql(t)
                .sql(" AS t FROM ")
                .eventsInRange(query.range().fromMicros(), query.range().toMicros());
        if (!query.segment().isEmpty()) {
            sql.sql(" AND user_id IN (SELECT user_id FROM ")
                    .sql(events)
                    .sql(" WHERE ")
                    .timestampBetween(
                            "ts", query.range().fromMicros(), query.range().toMicros())
                    .sql(" AND ");
            query.segment().appendCondition(sql, "properties");
            sql.sql(")");
        }
        sql.sql("), conv AS (SELECT user_id, MIN(t) AS conv_t FROM scoped WHERE event_name = ")
                .param(query.targetEvent())
                .sql(" GROUP BY user_id)");
    }
}
