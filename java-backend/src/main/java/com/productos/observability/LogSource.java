package com.productos.observability;

import com.productos.executors.ExecutorFailure;
import com.productos.logfiles.LogLine;
import java.util.List;

/** Where logs.tail reads from: local log files or Cloud Logging. Lines come oldest first. */
public interface LogSource extends AutoCloseable {
    List<LogLine> tail(LogQuery query) throws ExecutorFailure;

    @Override
    default void close() {}
}
