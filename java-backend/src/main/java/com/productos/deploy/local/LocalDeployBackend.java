package com.productos.deploy.local;

import com.productos.common.ProcessOwner;
import com.productos.config.Workspace;
import com.productos.deploy.DeployBackend;
import com.productos.deploy.DeployOutcome;
import com.productos.deploy.DeployRequest;
import com.productos.deploy.RollbackOutcome;
import com.productos.deploy.RollbackRequest;
import com.productos.deploy.ServiceStatus;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputFields;
import com.productos.executors.ServiceVariables;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small Cloud Run on this machine. A deploy exports the tree of a git ref into a new numbered
 * revision folder ({@code .productos/deploy/web/web-00003/src}), runs the build command of its
 * {@link ServiceManifest}, starts the run command on a free loopback port with PORT set, and moves
 * the service's stable front ({@link TrafficProxy}) to it only once its health check answers; the
 * revision that lost traffic is drained and stopped. Any failure leaves the serving revision serving.
 *
 * <p>Processes never outlive the backend: {@link #close()} and a JVM shutdown hook stop every process
 * tree it started, and every child is recorded on disk as it starts ({@link ChildProcessLedger}) so
 * that the next backend stops what a killed one left ({@link OrphanReaper}). Which backend runs a
 * service when several share the workspace is {@link ServiceOwnership}'s concern; starting a claimed
 * service again after a restart is {@link ServiceRestorer}'s; moving traffic between revisions is
 * {@link TrafficSwitch}'s; status is observed by {@link ObservedStatus}.
 */
public final class LocalDeployBackend implements DeployBackend {
    private final LocalLogLayout layout;
    private final LocalDeploySettings settings;
    private final Clock clock;
    private final RevisionLauncher launcher;
    private final ServiceFiles files;
    private final TrafficSwitch traffic;
    private final ServiceRestorer restorer;
    private final ServiceOwnership ownership;
    private final ObservedStatus status;
    private final Thread shutdownHook;
    private final Path workspaceRoot;

    public LocalDeployBackend(
            Workspace workspace, LocalDeploySettings settings, Map<String, String> hostEnvironment, Clock clock) {
        this(workspace, settings, hostEnvironment, ServiceVariables.NONE, clock);
    }

    /** {@code wired}: variables the backend supplies itself (the embedded ingest), ahead of its environment. */
    public LocalDeployBackend(
            Workspace workspace,
            LocalDeploySettings settings,
            Map<String, String> hostEnvironment,
            ServiceVariables wired,
            Clock clock) {
        this.layout = new LocalLogLayout(workspace);
        this.workspaceRoot = workspace.root();
        this.settings = settings;
        this.clock = clock;
        this.files = new ServiceFiles(layout, settings.keepRevisions(), clock);
        this.status = new ObservedStatus(layout);
        String self = ProcessOwner.current();
        this.launcher = new RevisionLauncher(
                layout, clock, settings.stopGrace(), hostEnvironment, wired, new ChildProcessLedger(layout, self));
        this.traffic = new TrafficSwitch(settings, files, launcher);
        this.restorer = new ServiceRestorer(layout, files, launcher, traffic, settings.stopGrace(), clock);
        OrphanReaper reaper = new OrphanReaper(ChildProcessLedger.dir(layout), settings.stopGrace());
        this.ownership =
                new ServiceOwnership(layout, files, self, restorer::submit, () -> restorer.runInOrder(reaper::reap));
        this.shutdownHook = new Thread(this::stopAllProcesses, "local-deploy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // Processes a killed backend left behind go before any service is started again.
        restorer.runInOrder(reaper::reap);
        ownership.loadAll();
    }

    // ---------------------------------------------------------------- deploy

    @Override
    public DeployOutcome deploy(DeployRequest request, ExecutorRequest call) throws ExecutorFailure {
        Path repository = GitSource.repositoryPath(request.repo(), workspaceRoot);
        String commit = GitSource.resolveCommit(repository, request.ref());
        ServiceRuntime runtime = ownership.runtimeFor(request.serviceName(), true);
        ServiceOwnership.lockOrConflict(runtime);
        try (RunLog log = files.openRunLog(call)) {
            markBusy(runtime, true);
            return deployLocked(runtime, request, repository, commit, log);
        } finally {
            markBusy(runtime, false);
            runtime.lock.unlock();
        }
    }

    private DeployOutcome deployLocked(
            ServiceRuntime runtime, DeployRequest request, Path repository, String commit, RunLog log)
            throws ExecutorFailure {
        ServiceState state = runtime.state;
        String service = state.service();
        String revision = state.nextRevisionName();
        RevisionRecord record = new RevisionRecord(
                revision,
                state.lastRevisionNumber(),
                request.ref(),
                commit,
                clock.instant(),
                RevisionRecord.Status.BUILDING,
                0,
                0,
                null,
                null);
        state.put(record);
        state.region(request.region());
        files.save(state);
        log.info("deploying " + service + " from " + repository + " at " + request.ref() + " ("
                + commit.substring(0, 12) + ") as revision " + revision);
        Path revisionDir = layout.revisionDir(service, revision);
        RevisionProcess started = null;
        try {
            Path sourceDir = revisionDir.resolve("src");
            try {
                // A folder left by a state file that was lost would mix two trees.
                ServiceFiles.deleteTree(revisionDir);
                GitSource.exportTree(repository, commit, sourceDir);
            } catch (IOException e) {
                throw new ExecutorFailure(
                        500,
                        "export_failed",
                        "cannot export " + request.ref() + " of " + repository + " into " + sourceDir + ": "
                                + e.getMessage());
            }
            Path context = sourceDir.resolve(request.buildContext()).normalize();
            if (!context.startsWith(sourceDir) || !Files.isDirectory(context)) {
                throw InputFields.invalid(
                        "/build/build_context",
                        "build_context '" + request.buildContext() + "' is not a folder of " + request.ref() + " in "
                                + repository);
            }
            ServiceManifest manifest = ServiceManifest.read(context, repository + " at " + request.ref());
            Map<String, String> env = new LinkedHashMap<>(manifest.env());
            env.putAll(request.envVars());
            LaunchSpec launch = new LaunchSpec(
                    manifest.runCommand(),
                    revisionDir.relativize(context).toString(),
                    manifest.healthPath(),
                    manifest.healthTimeout(),
                    Map.copyOf(env),
                    manifest.passEnv());
            ServiceFiles.save(launch, revisionDir);
            launcher.build(
                    manifest,
                    context,
                    launcher.runtimeEnv(service, revision, env, manifest.passEnv(), log),
                    service,
                    revision,
                    log);
            traffic.ensureFront(runtime);
            started = launcher.startHealthy(service, revision, launch, revisionDir, log);
            String previous = traffic.moveTo(runtime, started, log);
            state.put(state.revision(revision).orElseThrow().withStatus(RevisionRecord.Status.READY, null));
            state.lastDeployTime(clock.instant());
            state.lastError(null);
            files.prune(state, log);
            files.save(state);
            List<String> warnings = new ArrayList<>();
            if (!"dev".equals(request.env())) {
                warnings.add("the local deploy target runs every env on this machine; env '" + request.env()
                        + "' is only recorded");
            }
            log.info("revision " + revision + " is serving at " + TrafficSwitch.serviceUrl(runtime)
                    + (previous == null ? "" : "; " + previous + " stopped"));
            return new DeployOutcome(TrafficSwitch.serviceUrl(runtime), revision, null, warnings);
        } catch (ExecutorFailure failure) {
            if (started != null) launcher.stop(started);
            state.put(state.revision(revision)
                    .orElse(record)
                    .withStatus(RevisionRecord.Status.FAILED, failure.getMessage()));
            state.lastError(failure.getMessage());
            files.saveQuietly(state);
            log.error(failure.getMessage());
            throw failure;
        }
    }

    // ---------------------------------------------------------------- status

    @Override
    public ServiceStatus status(String serviceName, String region) throws ExecutorFailure {
        ServiceRuntime runtime = ownership.existing(serviceName);
        // Another process runs the service: read what it last wrote.
        ServiceState state =
                runtime.foreignOwner != null ? files.loadState(serviceName).orElse(runtime.state) : runtime.state;
        return status.of(runtime, state, region);
    }

    // ---------------------------------------------------------------- rollback

    @Override
    public RollbackOutcome rollback(RollbackRequest request, ExecutorRequest call) throws ExecutorFailure {
        ServiceRuntime runtime = ownership.existing(request.serviceName());
        ServiceOwnership.lockOrConflict(runtime);
        try (RunLog log = files.openRunLog(call)) {
            markBusy(runtime, true);
            ServiceState state = runtime.state;
            RevisionRecord target = RollbackTarget.of(state, request);
            String current = state.serving();
            // Alive as /proc sees it: a revision killed behind our back stays a zombie, and "alive" to the JDK,
            // until the JDK reaps it; rolling back to it must start it again, not report it as serving.
            if (target.name().equals(current)
                    && runtime.serving != null
                    && runtime.serving.isAlive()
                    && ProcessTree.isRunning(runtime.serving.process().toHandle())) {
                log.info(target.name() + " is already serving " + state.service() + "; nothing to do");
                return new RollbackOutcome(TrafficSwitch.serviceUrl(runtime), target.name(), current);
            }
            log.info("rolling " + state.service() + " back from " + current + " to " + target.name());
            Path revisionDir = layout.revisionDir(state.service(), target.name());
            LaunchSpec launch;
            try {
                launch = LaunchSpec.load(revisionDir);
            } catch (IOException | RuntimeException e) {
                throw ExecutorFailure.conflict("revision " + target.name() + " cannot be started again: its folder "
                        + revisionDir + " is missing or damaged (" + e.getMessage() + "); deploy its ref instead");
            }
            try {
                traffic.ensureFront(runtime);
                RevisionProcess started =
                        launcher.startHealthy(state.service(), target.name(), launch, revisionDir, log);
                traffic.moveTo(runtime, started, log);
            } catch (ExecutorFailure failure) {
                log.error(failure.getMessage());
                throw failure;
            }
            state.lastError(null);
            state.lastDeployTime(clock.instant());
            files.save(state);
            log.info(target.name() + " is serving " + state.service() + " again at "
                    + TrafficSwitch.serviceUrl(runtime));
            return new RollbackOutcome(TrafficSwitch.serviceUrl(runtime), target.name(), current);
        } finally {
            markBusy(runtime, false);
            runtime.lock.unlock();
        }
    }

    /** Marks a deploy or rollback in progress, in memory and (best effort) on disk for other processes. */
    private void markBusy(ServiceRuntime runtime, boolean busy) {
        runtime.busy = busy;
        runtime.state.deploying(busy);
        files.saveQuietly(runtime.state);
    }

    // ---------------------------------------------------------------- shutdown

    private void stopAllProcesses() {
        restorer.refuseNewStarts();
        for (ServiceRuntime runtime : ownership.all()) {
            TrafficProxy proxy = runtime.proxy;
            if (proxy != null) proxy.close();
        }
        launcher.stopAll();
    }

    @Override
    public void close() {
        restorer.shutdownNow();
        stopAllProcesses();
        restorer.awaitTermination(settings.stopGrace().plusSeconds(5));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }

    /** The process serving a service, if one is running. */
    Optional<RevisionProcess> servingProcess(String service) {
        return ownership.find(service).map(runtime -> runtime.serving);
    }
}
