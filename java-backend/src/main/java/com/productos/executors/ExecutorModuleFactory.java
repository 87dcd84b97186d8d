package com.productos.executors;

/** Builds one executor module for an environment; listed in {@link ExecutorCatalog}. */
@FunctionalInterface
public interface ExecutorModuleFactory {
    ExecutorModule create(ExecutorEnvironment environment) throws Exception;
}
