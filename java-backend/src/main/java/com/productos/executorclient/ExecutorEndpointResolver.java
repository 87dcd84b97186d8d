package com.productos.executorclient;

import com.productos.config.ExecutorEndpoint;

/**
 * Where an executor is reached. Fails with a {@link com.productos.control.ExecutorCallException}
 * (ExecutorUnavailable) that says what to configure when the name is neither running embedded nor
 * configured remotely.
 */
@FunctionalInterface
public interface ExecutorEndpointResolver {
    ExecutorEndpoint resolve(String executorName);
}
