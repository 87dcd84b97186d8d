package com.productos.app;

import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds executor modules from their factories, all or none: a failure closes the ones already built. */
public final class ExecutorModules {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModules.class);

    private ExecutorModules() {}

    /**
     * Builds every factory's module whose executor name {@code wanted} accepts (a factory that does
     * not know its name ahead is built, then kept or closed by the same test).
     *
     * @throws ExecutorModuleStartException naming the module that failed and why
     */
    public static List<ExecutorModule> createAll(ExecutorEnvironment environment, List<ExecutorModuleFactory> factories,
            Predicate<String> wanted) {
        List<ExecutorModule> started = new ArrayList<>();
        try {
            for (ExecutorModuleFactory factory : factories) {
                String knownName = factory.executorName();
                if (knownName != null && !wanted.test(knownName)) continue;
                ExecutorModule module = create(factory, environment);
                if (wanted.test(module.executorName())) {
                    started.add(module);
                } else {
                    closeQuietly(module);
                }
            }
            return List.copyOf(started);
        } catch (RuntimeException | LinkageError e) {
            started.forEach(ExecutorModules::closeQuietly);
            throw e;
        }
    }

    private static ExecutorModule create(ExecutorModuleFactory factory, ExecutorEnvironment environment) {
        try {
            ExecutorModule module = factory.create(environment);
            if (module == null) throw new IllegalStateException("the factory returned no module");
            return module;
        } catch (Exception e) {
            throw new ExecutorModuleStartException("cannot start executor module " + factory + ": " + e.getMessage(), e);
        }
    }

    public static void closeQuietly(ExecutorModule module) {
        try {
            module.close();
        } catch (Exception e) {
            LOG.warn("executor module '{}' did not close cleanly: {}", module.executorName(), e.toString());
        }
    }

    /** A module could not be built; the message names it and the cause. */
    public static final class ExecutorModuleStartException extends RuntimeException {
        ExecutorModuleStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
