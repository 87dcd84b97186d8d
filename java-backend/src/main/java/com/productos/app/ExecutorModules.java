package com.productos.app;

import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds executor modules from their factories, each on its own: a module that fails to start (a
 * damaged DuckDB file, a bad setting) is replaced by an {@link UnavailableExecutorModule} that answers
 * its paths with what went wrong, and the other modules serve as usual.
 */
public final class ExecutorModules {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModules.class);
    /** A class or object name in an exception message ("org.duckdb.DuckDBConnection@1a2b3c"): not for users. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|tools)\\.[A-Za-z_$][\\w$]*\\.[\\w$.]+|@[0-9a-f]{5,}\\b|\\bat [\\w$.]+\\(");

    private ExecutorModules() {}

    /** Builds every factory's module whose executor name {@code wanted} accepts, in catalog order. */
    public static List<ExecutorModule> createAll(
            ExecutorEnvironment environment, List<ExecutorModuleFactory> factories, Predicate<String> wanted) {
        List<ExecutorModule> started = new ArrayList<>();
        for (ExecutorModuleFactory factory : factories) {
            if (wanted.test(factory.executorName())) started.add(createOrStandIn(factory, environment));
        }
        return List.copyOf(started);
    }

    private static ExecutorModule createOrStandIn(ExecutorModuleFactory factory, ExecutorEnvironment environment) {
        String name = factory.executorName();
        try {
            ExecutorModule module = factory.create(environment);
            if (module == null) throw new IllegalStateException("the factory returned no module");
            if (!name.equals(module.executorName())) {
                closeQuietly(module);
                throw new IllegalStateException("the factory of '" + name + "' built '" + module.executorName() + "'");
            }
            return module;
        } catch (Exception | LinkageError e) {
            String reason = reasonOf(e);
            // The whole cause, trace included, stays in this process's log; callers get the reason.
            LOG.error("executor '{}' did not start: {}; the other executors keep serving", name, reason, e);
            return UnavailableExecutorModule.of(name, environment.registry(), reason);
        }
    }

    /** The exception's own words when they are meant for people, else a pointer to the log. */
    static String reasonOf(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank() || JAVA_NAME.matcher(message).find()) {
            return "it failed while starting; the backend's log (stderr, .productos/logs/backend.log) has the details";
        }
        return message.strip();
    }

    public static void closeQuietly(ExecutorModule module) {
        try {
            module.close();
        } catch (Exception e) {
            LOG.warn("executor module '{}' did not close cleanly: {}", module.executorName(), e.toString());
        }
    }
}
