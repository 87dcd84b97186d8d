package com.productos.executors;

/** Builds one executor module for an environment; listed in the backend's executor catalog. */
@FunctionalInterface
public interface ExecutorModuleFactory {
    ExecutorModule create(ExecutorEnvironment environment) throws Exception;

    /**
     * The executor name the module will have, when known before building it, so an executor that is
     * configured remotely is not started in-process at all. Null means "known once built".
     */
    default String executorName() {
        return null;
    }

    /** Gives a factory its executor name ahead of building, for factories written as lambdas. */
    static ExecutorModuleFactory named(String executorName, ExecutorModuleFactory factory) {
        return new ExecutorModuleFactory() {
            @Override
            public ExecutorModule create(ExecutorEnvironment environment) throws Exception {
                return factory.create(environment);
            }

            @Override
            public String executorName() {
                return executorName;
            }
        };
    }
}
