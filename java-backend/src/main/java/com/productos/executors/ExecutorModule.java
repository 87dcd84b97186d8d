package com.productos.executors;

import java.util.Map;

/**
 * One executor (deploy, observability, brand, analytics, marketing): the paths it serves. A
 * module owns its backends and closes them with {@link #close()}.
 */
public interface ExecutorModule extends AutoCloseable {
    /** The executor name used in the registry's "${executors.NAME}" placeholders. */
    String executorName();

    /** Handlers by request path ("/execute/brand/get_profile"). */
    Map<String, ExecutorHandler> routes();

    @Override
    default void close() throws Exception {}
}
