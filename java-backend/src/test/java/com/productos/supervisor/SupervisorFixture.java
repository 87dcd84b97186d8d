package com.productos.supervisor;

import com.productos.common.SqliteDatabase;
import com.productos.control.ControlPlane;
import com.productos.policy.Policy;
import com.productos.policy.PolicyLoader;
import com.productos.registry.RegistryLoader;
import com.productos.registry.ToolRegistry;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.store.SqliteSessionStore;
import com.productos.supervisor.model.ModelPrice;
import com.productos.supervisor.model.ModelProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real supervisor on a real control plane: the bundled registry and policy, SQLite stores in a temp
 * folder, and the executors as {@link ToolAnswers}. {@link #reopen} starts a new "process" on the same
 * store, as a backend restart would.
 */
final class SupervisorFixture implements AutoCloseable {
    static final ToolRegistry REGISTRY = new RegistryLoader().loadBundled();
    static final Policy POLICY = new PolicyLoader().loadBundled();

    final Path folder;
    final ToolAnswers tools;
    final SqliteDatabase database;
    final ExecutorService worker = Executors.newFixedThreadPool(2);
    final ControlPlane controlPlane;
    final SqliteSessionStore store;
    final Supervisor supervisor;
    final EventLog events = new EventLog();

    SupervisorFixture(
            Path folder,
            ToolAnswers tools,
            ModelProvider model,
            SupervisorLimits limits,
            List<String> secrets,
            String ownerId) {
        this.folder = folder;
        this.tools = tools;
        this.database = SqliteDatabase.open(folder.resolve("productos.db"));
        Clock clock = Clock.systemUTC();
        this.controlPlane = new ControlPlane(
                REGISTRY,
                POLICY,
                new SqliteRunStore(database, clock),
                new SqliteApprovalStore(database),
                tools,
                clock,
                ownerId,
                worker);
        controlPlane.recoverInterruptedRuns();
        this.store = new SqliteSessionStore(database);
        SupervisorSettings settings =
                new SupervisorSettings("offline", null, 2000, 3, java.time.ZoneOffset.UTC, limits);
        this.supervisor = new Supervisor(
                        controlPlane,
                        store,
                        new ModelChoice(model, new ModelPrice(1.0, 2.0)),
                        settings,
                        secrets,
                        clock,
                        ownerId)
                .start();
        supervisor.addListener(events);
    }

    SupervisorFixture(Path folder, ToolAnswers tools, ModelProvider model) {
        this(folder, tools, model, SupervisorLimits.defaults(), List.of(), "test-owner-1");
    }

    /** A new process on the same store; this one is left as a crash leaves it (nothing closed). */
    SupervisorFixture reopen(ModelProvider model, String ownerId) {
        return new SupervisorFixture(folder, tools, model, SupervisorLimits.defaults(), List.of(), ownerId);
    }

    @Override
    public void close() {
        supervisor.close();
        worker.shutdownNow();
        database.close();
    }
}
