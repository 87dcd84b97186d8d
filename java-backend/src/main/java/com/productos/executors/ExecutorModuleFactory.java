package com.productos.executors;

/**
 * Builds one executor module for an environment; listed in the backend's executor catalog. Every
 * module offers one as {@code SomeModule.factory()}, made with {@link #named}, so that its name is
 * known before it is built: an executor configured remotely is not started in-process at all, and
 * one that fails to start can still be named in the errors its callers get.
 */
public interface ExecutorModuleFactory {
    /** The executor name of the module, as in the registry's "${executors.NAME}" placeholders. */
    String executorName();

    ExecutorModule create(ExecutorEnvironment environment) throws Exception;

    /** What builds a module once its environment is known. */
    @FunctionalInterface
    interface Builder {
        ExecutorModule create(ExecutorEnvironment environment) throws Exception;
    }

    /** The factory of the module {@code executorName} that {@code builder} builds. */
    static ExecutorModuleFactory named(String executorName, Builder builder) {
        return new ExecutorModuleFactory() {
            @Override
            public String executorName() {
                return executorName;
            }

            @Override
            public ExecutorModule create(ExecutorEnvironment environment) throws Exception {
                return builder.create(environment);
            }

            @Override
            public String toString() {
                return "executor '" + executorName + "'";
            }
        };
    }
}
