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
        return sql.sql(" SELECT (SELECT COUNT(DISTINCT user_id) FROM scoped) AS users, (SELECT COUNT(*) FROM conv) AS converted");
    }

    /** Rows of kind, feature, users, converted users. */
    public static SqlStatement features(DriverQuery query, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        appendCommon(sql, query);
        sql.sql(", before_conversion AS (SELECT s.user_id, s.event_name, s.properties FROM scoped s LEFT JOIN conv c "
                + "ON s.user_id = c.user_id WHERE s.event_name <> ").param(query.targetEvent())
                .sql(" AND (c.conv_t IS NULL OR s.t < c.conv_t)), features AS (SELECT DISTINCT user_id, ")
                .param(FeatureCount.EVENT).sql(" AS kind, event_name AS feature FROM before_conversion");
        if (!query.candidateEvents().isEmpty()) {
            sql.sql(" WHERE event_name IN (");
            for (int i = 0; i < query.candidateEvents().size(); i++) {
                if (i > 0) sql.sql(", ");
                sql.param(query.candidateEvents().get(i));
            }
            sql.sql(")");
        }
        for (String key : query.candidateProperties()) {
            String value = dialect.propertyText("properties", key);
            sql.sql(" UNION ALL SELECT DISTINCT user_id, ").param(key).sql(" AS kind, ").sql(value)
                    .sql(" AS feature FROM before_conversion WHERE ").sql(value).sql(" IS NOT NULL");
        }
        return sql.sql(") SELECT f.kind, f.feature, COUNT(*) AS users, COUNT(c.user_id) AS converted FROM features f "
                + "LEFT JOIN conv c ON f.user_id = c.user_id GROUP BY f.kind, f.feature");
    }

    private static void appendCommon(SqlStatement sql, DriverQuery query) {
        String t = sql.dialect().epochMicros("ts");
        String events = sql.dialect().eventsTable();
        sql.sql("WITH scoped AS (SELECT user_id, event_name, properties, ").sql(t).sql(" AS t FROM ").sql(events)
                .sql(" WHERE ").timestampBetween("ts", query.range().fromMicros(), query.range().toMicros());
        if (!query.segment().isEmpty()) {
            sql.sql(" AND user_id IN (SELECT user_id FROM ").sql(events).sql(" WHERE ")
                    .timestampBetween("ts", query.range().fromMicros(), query.range().toMicros()).sql(" AND ");
            query.segment().appendCondition(sql, "properties");
            sql.sql(")");
        }
        sql.sql("), conv AS (SELECT user_id, MIN(t) AS conv_t FROM scoped WHERE event_name = ").param(query.targetEvent())
                .sql(" GROUP BY user_id)");
    }
}
