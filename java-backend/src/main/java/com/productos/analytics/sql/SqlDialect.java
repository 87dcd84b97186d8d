package com.productos.analytics.sql;

/**
 * The few places where DuckDB and BigQuery SQL differ. Everything else in the analytics queries is
 * written once, so both backends answer the same question the same way.
 */
public interface SqlDialect {
    /** The events table as it is referenced in FROM. */
    String eventsTable();

    /**
     * The events column that tells users apart in funnels: an integer key where the table has one
     * (sorting on it is much cheaper than on the user id string), else {@code user_id}.
     */
    String userKey();

    /**
     * Whether queries must keep one event per insert_id themselves: true where events arrive by
     * at-least-once pipelines (BigQuery); DuckDB stores each insert_id once.
     */
    default boolean deduplicatesOnRead() {
        return false;
    }

    /** Placeholder for the parameter at {@code index} (0-based). */
    String placeholder(int index);

    /** Microseconds since the epoch of a TIMESTAMP column. */
    String epochMicros(String column);

    /** The function that turns microseconds since the epoch into a TIMESTAMP. */
    String timestampFromMicros();

    /** The text of a top-level JSON property; {@code key} has been checked against {@link PropertyKeys#PATTERN}. */
    String propertyText(String column, String key);

    SqlDialect DUCKDB = new SqlDialect() {
        @Override
        public String eventsTable() {
            return "events";
        }

        @Override
        public String userKey() {
            return "user_key";
        }

        @Override
        public String placeholder(int index) {
            return "?";
        }

        @Override
        public String epochMicros(String column) {
            return "epoch_us(" + column + ")";
        }

        @Override
        public String timestampFromMicros() {
            return "make_timestamp";
        }

        @Override
        public String propertyText(String column, String key) {
            return "json_extract_string(" + column + ", '$." + key + "')";
        }
    };
}
