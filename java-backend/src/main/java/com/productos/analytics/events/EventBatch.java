package com.productos.analytics.events;

/**
 * Events staged for one all-or-nothing write. Nothing is visible in the warehouse until
 * {@link #commit()}; closing an uncommitted batch (or the process dying) leaves the warehouse as it was.
 */
public interface EventBatch extends AutoCloseable {
    void add(Event event);

    /** Stores every staged event not already in the warehouse, in one transaction. */
    IngestResult commit();

    @Override
    void close();
}
