package com.productos.analytics.duckdb;

import com.productos.analytics.events.EventBatch;
import com.productos.analytics.events.EventSink;

/** The embedded warehouse: events in, funnels, drivers and insights out, all in one DuckDB file. */
public final class DuckDbWarehouse implements EventSink, AutoCloseable {
    private final DuckDbDatabase database;

    public DuckDbWarehouse(DuckDbDatabase database) {
        this.database = database;
    }

    public DuckDbDatabase database() {
        return database;
    }

    @Override
    public EventBatch openBatch() {
        return new DuckDbEventBatch(database);
    }

    @Override
    public void close() {
        database.close();
    }
}
