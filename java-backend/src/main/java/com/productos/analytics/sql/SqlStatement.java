package com.productos.analytics.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text plus its parameters, built together so that every value travels as a query parameter
 * and never as text inside the statement. Parameters are {@link String} or {@link Long}.
 */
public final class SqlStatement {
    private final SqlDialect dialect;
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    public SqlStatement(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public SqlStatement sql(String fragment) {
        text.append(fragment);
        return this;
    }

    /** Appends a placeholder bound to {@code value}. */
    public SqlStatement param(Object value) {
        if (!(value instanceof String) && !(value instanceof Long) && !(value instanceof Double)) {
            throw new IllegalArgumentException("query parameters are strings, longs or doubles, not " + value);
        }
        text.append(dialect.placeholder(parameters.size()));
        parameters.add(value);
        return this;
    }

    /** Appends a condition that {@code column} (a TIMESTAMP) lies in [fromMicros, toMicros], in a form that can skip storage blocks. */
    public SqlStatement timestampBetween(String column, long fromMicros, long toMicros) {
        String function = dialect.timestampFromMicros();
        return sql(column + " BETWEEN " + function + "(")
                .param(fromMicros)
                .sql(") AND " + function + "(")
                .param(toMicros)
                .sql(")");
    }

    /**
     * Appends the events of a time range as a FROM source followed by an open WHERE (the caller may add
     * {@code AND ...}). Where the table can hold an event twice ({@link SqlDialect#deduplicatesOnRead()}),
     * the source keeps one row per insert_id, as the embedded warehouse does when it stores events.
     */
    public SqlStatement eventsInRange(long fromMicros, long toMicros) {
        if (!dialect.deduplicatesOnRead())
            return sql(dialect.eventsTable() + " WHERE ").timestampBetween("ts", fromMicros, toMicros);
        sql("(SELECT * FROM " + dialect.eventsTable() + " WHERE ").timestampBetween("ts", fromMicros, toMicros);
        return sql(" QUALIFY ROW_NUMBER() OVER (PARTITION BY insert_id ORDER BY ts) = 1) AS unique_events WHERE TRUE");
    }

    public String text() {
        return text.toString();
    }

    public List<Object> parameters() {
        return List.copyOf(parameters);
    }
}
