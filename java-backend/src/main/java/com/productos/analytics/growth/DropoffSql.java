package com.productos.analytics.growth;

import com.productos.analytics.funnel.FunnelSql;
import com.productos.analytics.funnel.FunnelStep;
import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The two queries behind growth.identify_dropoffs, over {@link FunnelSql#appendReached}'s furthest
 * step per user, for the users who reached step {@code step} (1-based) of the funnel.
 */
public final class DropoffSql {
    private DropoffSql() {}

    /** Rows {@code (property_index, value, at_step, past)}, one per value of each property. */
    public static SqlStatement segments(DropoffQuery query, int step, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        FunnelSql.appendReached(sql, query.funnel());
        sql.sql(", starts AS (SELECT k");
        for (int i = 0; i < query.segmentBy().size(); i++) {
            sql.sql(", MIN(")
                    .sql(dialect.propertyText("properties", query.segmentBy().get(i)))
                    .sql(") AS v")
                    .sql(Integer.toString(i));
        }
        sql.sql(" FROM scoped WHERE event_name = ")
                .param(query.funnel().steps().get(0).eventName())
                .sql(" GROUP BY k)");
        for (int i = 0; i < query.segmentBy().size(); i++) {
            String v = "s.v" + i;
            sql.sql(i == 0 ? " " : " UNION ALL ")
                    .sql("SELECT ")
                    .sql(Integer.toString(i))
                    .sql(" AS property_index, ")
                    .sql(v)
                    .sql(" AS value, COUNT(*) AS at_step, SUM(CASE WHEN r.step > ")
                    .param((long) step)
                    .sql(" THEN 1 ELSE 0 END) AS past")
                    .sql(" FROM reached r JOIN starts s ON s.k = r.k WHERE r.step >= ")
                    .param((long) step)
                    .sql(" AND ")
                    .sql(v)
                    .sql(" IS NOT NULL GROUP BY ")
                    .sql(v);
        }
        return sql;
    }

    /** Rows {@code (event_name, droppers, converters)} for every event name that is not a funnel step. */
    public static SqlStatement alternatives(DropoffQuery query, int step, SqlDialect dialect) {
        SqlStatement sql = new SqlStatement(dialect);
        FunnelSql.appendReached(sql, query.funnel());
        Set<String> names = new LinkedHashSet<>();
        for (FunnelStep s : query.funnel().steps()) names.add(s.eventName());
        sql.sql(", others AS (SELECT DISTINCT ")
                .sql(dialect.userKey())
                .sql(" AS k, event_name FROM ")
                .eventsInRange(
                        query.funnel().range().fromMicros(),
                        query.funnel().range().toMicros())
                .sql(" AND event_name NOT IN (");
        int i = 0;
        for (String name : names) {
            if (i++ > 0) sql.sql(", ");
            sql.param(name);
        }
        sql.sql(")) SELECT o.event_name, SUM(CASE WHEN r.step = ")
                .param((long) step)
                .sql(" THEN 1 ELSE 0 END) AS droppers, ")
                .sql("SUM(CASE WHEN r.step > ")
                .param((long) step)
                .sql(" THEN 1 ELSE 0 END) AS converters")
                .sql(" FROM others o JOIN reached r ON r.k = o.k WHERE r.step >= ")
                .param((long) step)
                .sql(" GROUP BY o.event_name");
        return sql;
    }
}
