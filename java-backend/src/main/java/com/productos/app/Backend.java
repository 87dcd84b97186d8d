package com.productos.app;

import com.productos.common.DaemonThreads;
import com.productos.common.KnownSecrets;
import com.productos.common.ProcessOwner;
import com.productos.common.SqliteDatabase;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ControlPlane;
import com.productos.executorclient.ExecutorEndpointResolver;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.policy.Policy;
import com.productos.registry.ToolRegistry;
import com.productos.store.SqliteApprovalStore;
import com.productos.store.SqliteRunStore;
import com.productos.store.SqliteSessionStore;
import com.productos.supervisor.ModelChoice;
import com.productos.supervisor.Supervisor;
import com.productos.supervisor.SupervisorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Everything one backend process runs, wired once: workspace, registry, policy, the SQLite store,
 * the embedded executors on loopback and the control plane. The CLI and {@code serve --stdio} both
 * start exactly this, so every caller goes through the same path.
 */
public final class Backend implements AutoCloseable {
    private final Workspace workspace;
    private final ProductOsConfig config;
    private final WorkspaceContracts contracts;
    private final SqliteDatabase database;
    private final CompletableFuture<WorkspaceExecutors> executors;
    private final ExecutorHttpClient client;
    private final ExecutorService worker;
    private final ControlPlane controlPlane;
    private final Clock clock;
    private Supervisor supervisor;

    private Backend(
            Workspace workspace,
            ProductOsConfig config,
            WorkspaceContracts contracts,
            SqliteDatabase database,
            CompletableFuture<WorkspaceExecutors> executors,
            ExecutorHttpClient client,
            ExecutorService worker,
            ControlPlane controlPlane,
            Clock clock) {
        this.workspace = workspace;
        this.config = config;
        this.contracts = contracts;
        this.database = database;
        this.executors = executors;
        this.client = client;
        this.worker = worker;
        this.controlPlane = controlPlane;
        this.clock = clock;
    }

    public static Backend open(Path workspaceRoot, Map<String, String> environment) {
        KnownSecrets.addSecretVariables(environment);
        Workspace workspace = Workspace.open(workspaceRoot);
        ProductOsConfig config = ProductOsConfig.load(workspace, environment);
        Clock clock = Clock.systemUTC();
        WorkspaceContracts contracts = WorkspaceContracts.load(workspace, environment, clock);
        // The executors serve the routes of the registry they start with; a reloaded one must keep them.
        ToolRegistry registry = contracts.current().registry();
        SqliteDatabase database = SqliteDatabase.open(workspace.database());
        // Before any executor opens its store: older workspaces kept brand and marketing data here.
        new FamilyStoreMigration(workspace, database, clock).run();
        ExecutorService worker = Executors.newFixedThreadPool(4, DaemonThreads.named("productos-control"));
        // The executors start in the background: the control plane can list, record and answer at once,
        // and calls wait for the executors (the HTTP client holds them until their endpoints are known).
        CompletableFuture<WorkspaceExecutors> executors = CompletableFuture.supplyAsync(
                () -> WorkspaceExecutors.attachOrStart(new ExecutorEnvironment(workspace, registry, config, clock)),
                worker);
        ExecutorHttpClient client = ExecutorHttpClient.create(
                executors.thenApply(started -> (ExecutorEndpointResolver) started::endpointFor), config);
        try {
            SqliteRunStore runStore = new SqliteRunStore(database, clock);
            SqliteApprovalStore approvalStore = new SqliteApprovalStore(database);
            ControlPlane controlPlane =
                    new ControlPlane(contracts, runStore, approvalStore, client, clock, ProcessOwner.current(), worker);
            controlPlane.recoverInterruptedRuns();
            // SQLite made its side files with the process umask; they hold the same runs.
            workspace.tightenState();
            return new Backend(workspace, config, contracts, database, executors, client, worker, controlPlane, clock);
        } catch (RuntimeException e) {
            client.close();
            executors.thenAccept(WorkspaceExecutors::close);
            worker.shutdown();
            database.close();
            throw e;
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    public ProductOsConfig config() {
        return config;
    }

    /** The registry in force now (read again after an edit of the workspace's file). */
    public ToolRegistry registry() {
        return contracts.current().registry();
    }

    /** The policy in force now, floors included. */
    public Policy policy() {
        return contracts.current().policy();
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /**
     * The chat supervisor, started on first use: only a process that hosts chat sessions (serve, chat,
     * ask) starts it, so a short CLI command never resumes a paused turn only to exit in the middle of it.
     */
    public synchronized Supervisor supervisor() {
        if (supervisor == null) {
            SupervisorSettings settings = SupervisorSettings.from(config);
            ModelChoice model = ModelChoice.fromConfig(settings, config, clock);
            supervisor = new Supervisor(
                            controlPlane,
                            new SqliteSessionStore(database),
                            model,
                            settings,
                            SecretValues.of(config.environment()),
                            clock,
                            ProcessOwner.current())
                    .start();
        }
        return supervisor;
    }

    /** Where calls to an executor go (the embedded server, or the configured remote one). Holds a secret. */
    public com.productos.config.ExecutorEndpoint executorEndpoint(String executorName) {
        return executors.join().endpointFor(executorName);
    }

    /**
     * Stops gracefully: runs still in flight are recorded as interrupted first, then the executors,
     * the worker and the store close.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (supervisor != null) supervisor.close();
        }
        controlPlane.interruptInFlight();
        try {
            executors.join().close();
        } catch (RuntimeException startFailed) {
            // Nothing started, so nothing to stop.
        }
        client.close();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        workspace.tightenState();
    }
}
