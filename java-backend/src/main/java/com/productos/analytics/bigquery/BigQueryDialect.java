package com.productos.analytics.bigquery;

import com.productos.analytics.sql.SqlDialect;
import java.util.regex.Pattern;

/**
 * BigQuery standard SQL: named parameters {@code @p0, @p1, ...}, UNIX_MICROS for timestamps,
 * JSON_VALUE for properties. Table names come from configuration and are checked, since BigQuery
 * cannot take a table name as a parameter.
 */
final class BigQueryDialect implements SqlDialect {
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,61}[a-z0-9]|[a-z][a-z0-9-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,1023}");
    private final String project;
    private final String dataset;
    private final String eventsTable;

    BigQueryDialect(String project, String dataset, String eventsTable) {
        if (!PROJECT.matcher(project).matches())
            throw new IllegalArgumentException("BigQuery project id '" + project + "' is not valid");
        if (!NAME.matcher(dataset).matches())
            throw new IllegalArgumentException("BigQuery dataset '" + dataset + "' is not valid");
        if (!NAME.matcher(eventsTable).matches())
            throw new IllegalArgumentException("BigQuery table '" + eventsTable + "' is not valid");
        this.project = project;
        this.dataset = dataset;
        this.eventsTable = eventsTable;
    }

    String table(String name) {
        if (!NAME.matcher(name).matches())
            throw new IllegalArgumentException("BigQuery table '" + name + "' is not valid");
        return "`" + project + "." + dataset + "." + name + "`";
    }

    @Override
    public String eventsTable() {
        return table(eventsTable);
    }

    /** BigQuery events tables are loaded by the project's own pipelines and have no key column: funnels use the id. */
    @Override
    public String userKey() {
        return "user_id";
    }

    /** Pub/Sub and load-job retries can land an event twice: every query keeps one row per insert_id. */
    @Override
    public boolean deduplicatesOnRead() {
        return true;
    }

    @Override
    public String placeholder(int index) {
        return "@p" + index;
    }

    @Override
    public String epochMicros(String column) {
        return "UNIX_MICROS(" + column + ")";
    }

    @Override
    public String timestampFromMicros() {
        return "TIMESTAMP_MICROS";
    }

    @Override
    public String propertyText(String column, String key) {
        return "JSON_VALUE(" + column + ", '$." + key + "')";
    }
}
