package com.productos.deploy.local;

import com.productos.common.ProcessOwner;
import com.productos.config.Workspace;
import com.productos.deploy.DeployBackend;
import com.productos.deploy.DeployOutcome;
import com.productos.deploy.DeployRequest;
import com.productos.executors.InputFields;
import com.productos.deploy.RollbackOutcome;
import com.productos.deploy.RollbackRequest;
import com.productos.deploy.ServiceStatus;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Cloud Run on this machine. A deploy exports the tree of a git ref into a new numbered
 * revision folder ({@code .productos/deploy/web/web-00003/src}), runs the build command of its
 * {@link ServiceManifest}, starts the run command on a free loopback port with PORT set, and moves
 * the service's stable front ({@link TrafficProxy}) to it only once its health check answers; the
 * revision that lost traffic is drained and stopped. Any failure leaves the serving revision serving.
 *
 * <p>Processes never outlive the backend: {@link #close()} and a JVM shutdown hook stop every process
 * tree it started. On the next start the backend stops any process a crashed backend left behind
 * (matched by pid and start time) and starts each service's serving revision again on its kept front
 * port, from the revision folder, without rebuilding.
 *
 * <p>Several backends may share a workspace (the IDE's and a CLI call). A service belongs to the live
 * backend process recorded in its state: other processes read its status and logs but do not start,
 * stop or deploy it, and take it over only once that process has gone. A service therefore serves for
 * as long as the process that runs it (the IDE's backend, {@code serve} or {@code executor}).
 */
public final class LocalDeployBackend implements DeployBackend {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDeployBackend.class);
    private final LocalLogLayout layout;
    private final LocalDeploySettings settings;
    private final Clock clock;
    private final Map<String, ServiceRuntime> services = new ConcurrentHashMap<>();
    private final RevisionLauncher launcher;
    private final ServiceFiles files;
    /** This backend process, as recorded in the state of the services it runs. */
    private final String self = ProcessOwner.current();
    private final ExecutorService restorer;
    private final Thread shutdownHook;
    private volatile boolean closed;
    private final Path workspaceRoot;

    public LocalDeployBackend(Workspace workspace, LocalDeploySettings settings, Map<String, String> hostEnvironment,
                              Clock clock) {
        this.layout = new LocalLogLayout(workspace);
        this.workspaceRoot = workspace.root();
        this.settings = settings;
        this.clock = clock;
        this.files = new ServiceFiles(layout, settings.keepRevisions(), clock);
        this.launcher = new RevisionLauncher(layout, clock, settings.stopGrace(), hostEnvironment);
        this.restorer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-deploy-restore");
            thread.setDaemon(true);
            return thread;
        });
        this.shutdownHook = new Thread(this::stopAllProcesses, "local-deploy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        loadServices();
    }

    // ---------------------------------------------------------------- deploy

    @Override
    public DeployOutcome deploy(DeployRequest request, ExecutorRequest call) throws ExecutorFailure {
        Path repository = GitSource.repositoryPath(request.repo(), workspaceRoot);
        String commit = GitSource.resolveCommit(repository, request.ref());
        ServiceRuntime runtime = runtimeFor(request.serviceName(), true);
        lockOrConflict(runtime);
        try (RunLog log = files.openRunLog(call)) {
            markBusy(runtime, true);
            return deployLocked(runtime, request, repository, commit, log);
        } finally {
            markBusy(runtime, false);
            runtime.lock.unlock();
        }
    }

    private DeployOutcome deployLocked(ServiceRuntime runtime, DeployRequest request, Path repository, String commit,
                                       RunLog log) throws ExecutorFailure {
        ServiceState state = runtime.state;
        String service = state.service();
        String revision = state.nextRevisionName();
        RevisionRecord record = new RevisionRecord(revision, state.lastRevisionNumber(), request.ref(), commit,
                clock.instant(), RevisionRecord.Status.BUILDING, 0, 0, null, null);
        state.put(record);
        state.region(request.region());
        files.save(state);
        log.info("deploying " + service + " from " + repository + " at " + request.ref() + " (" + commit.substring(0, 12)
                + ") as revision " + revision);
        Path revisionDir = layout.revisionDir(service, revision);
        RevisionProcess started = null;
        try {
            Path sourceDir = revisionDir.resolve("src");
            try {
                // A folder left by a state file that was lost would mix two trees.
                ServiceFiles.deleteTree(revisionDir);
                GitSource.exportTree(repository, commit, sourceDir);
            } catch (IOException e) {
                throw new ExecutorFailure(500, "export_failed", "cannot export " + request.ref() + " of " + repository
                        + " into " + sourceDir + ": " + e.getMessage());
            }
            Path context = sourceDir.resolve(request.buildContext()).normalize();
            if (!context.startsWith(sourceDir) || !Files.isDirectory(context)) {
                throw InputFields.invalid("/build/build_context", "build_context '" + request.buildContext()
                        + "' is not a folder of " + request.ref() + " in " + repository);
            }
            ServiceManifest manifest = ServiceManifest.read(context, repository + " at " + request.ref());
            Map<String, String> env = new LinkedHashMap<>(manifest.env());
            env.putAll(request.envVars());
            LaunchSpec launch = new LaunchSpec(manifest.runCommand(), revisionDir.relativize(context).toString(),
                    manifest.healthPath(), manifest.healthTimeout(), Map.copyOf(env), manifest.passEnv());
            ServiceFiles.save(launch, revisionDir);
            launcher.build(manifest, context, launcher.runtimeEnv(service, revision, env, manifest.passEnv(), log), service, revision, log);
            ensureFront(runtime);
            started = launcher.startHealthy(service, revision, launch, revisionDir, log);
            String previous = moveTraffic(runtime, started, log);
            state.put(state.revision(revision).orElseThrow().withStatus(RevisionRecord.Status.READY, null));
            state.lastDeployTime(clock.instant());
            state.lastError(null);
            files.prune(state, log);
            files.save(state);
            List<String> warnings = new ArrayList<>();
            if (!"dev".equals(request.env())) {
                warnings.add("the local deploy target runs every env on this machine; env '" + request.env() + "' is only recorded");
            }
            log.info("revision " + revision + " is serving at " + serviceUrl(runtime)
                    + (previous == null ? "" : "; " + previous + " stopped"));
            return new DeployOutcome(serviceUrl(runtime), revision, null, warnings);
        } catch (ExecutorFailure failure) {
            if (started != null) launcher.stop(started);
            state.put(state.revision(revision).orElse(record).withStatus(RevisionRecord.Status.FAILED, failure.getMessage()));
            state.lastError(failure.getMessage());
            files.saveQuietly(state);
            log.error(failure.getMessage());
            throw failure;
        }
    }

    /** Sends traffic to {@code next}, then drains and stops the revision that had it; returns its name. */
    private String moveTraffic(ServiceRuntime runtime, RevisionProcess next, RunLog log) throws ExecutorFailure {
        ServiceState state = runtime.state;
        RevisionProcess previous = runtime.serving;
        TrafficProxy.Target lostTraffic = runtime.proxy.switchTo(next.revision(), next.port());
        runtime.serving = next;
        String previousName = state.serving();
        state.serving(next.revision());
        state.put(state.revision(next.revision()).orElseThrow().withProcess(next.port(), next.pid(), next.startedAt()));
        if (previousName != null && !previousName.equals(next.revision())) {
            state.revision(previousName).ifPresent(old -> state.put(old.withProcess(0, 0, null)));
        }
        files.save(state);
        if (previous != null) {
            long start = System.nanoTime();
            try {
                if (lostTraffic != null && !TrafficProxy.awaitDrained(lostTraffic, settings.drainTimeout())) {
                    log.warn(previous.revision() + " still had requests after " + settings.drainTimeout().toSeconds()
                            + " s (drain_timeout_seconds); stopping it anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long drained = System.nanoTime();
            launcher.stop(previous);
            log.info("stopped " + previous.revision() + " (drained in " + (drained - start) / 1_000_000 + " ms, stopped in "
                    + (System.nanoTime() - drained) / 1_000_000 + " ms)");
        }
        return previousName;
    }

    // ---------------------------------------------------------------- status

    @Override
    public ServiceStatus status(String serviceName, String region) throws ExecutorFailure {
        ServiceRuntime runtime = existingRuntime(serviceName);
        boolean foreign = runtime.foreignOwner != null;
        // Another process runs the service: read what it last wrote.
        ServiceState state = foreign ? files.loadState(serviceName).orElse(runtime.state) : runtime.state;
        ServiceStatus.State status;
        if (foreign ? state.deploying() : runtime.busy) {
            status = ServiceStatus.State.deploying;
        } else if (state.lastError() != null) {
            status = ServiceStatus.State.error;
        } else if (state.serving() == null) {
            status = ServiceStatus.State.unknown;
        } else if (foreign ? servingPidAlive(state) : runtime.serving != null && runtime.serving.isAlive()) {
            status = ServiceStatus.State.ready;
        } else {
            status = ServiceStatus.State.error;
        }
        String url = state.frontPort() == 0 ? "" : "http://127.0.0.1:" + state.frontPort();
        return new ServiceStatus(serviceName, region, url, state.serving(), status, state.lastDeployTime());
    }

    // ---------------------------------------------------------------- rollback

    @Override
    public RollbackOutcome rollback(RollbackRequest request, ExecutorRequest call) throws ExecutorFailure {
        ServiceRuntime runtime = existingRuntime(request.serviceName());
        lockOrConflict(runtime);
        try (RunLog log = files.openRunLog(call)) {
            markBusy(runtime, true);
            ServiceState state = runtime.state;
            RevisionRecord target = rollbackTarget(state, request);
            String current = state.serving();
            if (target.name().equals(current) && runtime.serving != null && runtime.serving.isAlive()) {
                log.info(target.name() + " is already serving " + state.service() + "; nothing to do");
                return new RollbackOutcome(serviceUrl(runtime), target.name(), current);
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
                ensureFront(runtime);
                RevisionProcess started = launcher.startHealthy(state.service(), target.name(), launch, revisionDir, log);
                moveTraffic(runtime, started, log);
            } catch (ExecutorFailure failure) {
                log.error(failure.getMessage());
                throw failure;
            }
            state.lastError(null);
            state.lastDeployTime(clock.instant());
            files.save(state);
            log.info(target.name() + " is serving " + state.service() + " again at " + serviceUrl(runtime));
            return new RollbackOutcome(serviceUrl(runtime), target.name(), current);
        } finally {
            markBusy(runtime, false);
            runtime.lock.unlock();
        }
    }

    private static RevisionRecord rollbackTarget(ServiceState state, RollbackRequest request) throws ExecutorFailure {
        if (request.toPrevious()) {
            return state.previousReady().orElseThrow(() -> ExecutorFailure.conflict("service " + state.service()
                    + " has no earlier revision that became ready (serving: " + state.serving()
                    + "); nothing to roll back to. Kept revisions: " + keptRevisions(state)));
        }
        RevisionRecord target = state.revision(request.targetRevision()).orElseThrow(() -> {
            ExecutorFailure failure = InputFields.invalid("/target_revision", "revision '" + request.targetRevision()
                    + "' of " + state.service() + " is not kept; kept revisions: " + keptRevisions(state));
            return failure;
        });
        if (target.status() != RevisionRecord.Status.READY) {
            throw InputFields.invalid("/target_revision", "revision " + target.name()
                    + " never became healthy (" + target.status() + "); roll back to one of: " + keptRevisions(state));
        }
        return target;
    }

    private static String keptRevisions(ServiceState state) {
        List<String> names = state.revisionsNewestFirst().stream()
                .filter(r -> r.status() == RevisionRecord.Status.READY).map(RevisionRecord::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    // ---------------------------------------------------------------- services, fronts, processes

    /**
     * The service as this backend sees it: in memory, else found on disk (run by another backend, or
     * left by one that is gone), else new when {@code create}; null when it does not exist.
     */
    private ServiceRuntime runtimeFor(String service, boolean create) throws ExecutorFailure {
        ServiceRuntime runtime = services.get(service);
        if (runtime == null) {
            Optional<ServiceState> onDisk = files.loadState(service);
            if (onDisk.isEmpty() && !create) return null;
            ServiceRuntime fresh = new ServiceRuntime(onDisk.orElseGet(() -> new ServiceState(service)));
            runtime = services.putIfAbsent(service, fresh);
            if (runtime == null) {
                runtime = fresh;
                claimOrWatch(runtime);
            }
        }
        adoptIfOrphaned(runtime);
        return runtime;
    }

    private ServiceRuntime existingRuntime(String service) throws ExecutorFailure {
        ServiceRuntime runtime = runtimeFor(service, false);
        if (runtime == null) {
            throw ExecutorFailure.notFound("no service named '" + service + "' has been deployed to the local target;"
                    + " check the name or deploy it first with cloudrun.deploy_service");
        }
        return runtime;
    }

    /** Runs the service here unless another live backend process does; then only watches its state. */
    private void claimOrWatch(ServiceRuntime runtime) {
        String owner = runtime.state.owner();
        if (owner != null && !owner.equals(self) && ProcessOwner.isAlive(owner)) {
            runtime.foreignOwner = owner;
            return;
        }
        runtime.foreignOwner = null;
        runtime.state.owner(self);
        if (runtime.state.serving() != null) {
            runtime.busy = true;
            restorer.submit(() -> restore(runtime));
        } else {
            files.saveQuietly(runtime.state);
        }
    }

    /** Takes over a service whose owning process has gone: its revision is started again here. */
    private void adoptIfOrphaned(ServiceRuntime runtime) throws ExecutorFailure {
        String owner = runtime.foreignOwner;
        if (owner == null || ProcessOwner.isAlive(owner)) return;
        synchronized (runtime) {
            if (runtime.foreignOwner == null) return;
            runtime.state = files.loadState(runtime.state.service()).orElse(runtime.state);
            claimOrWatch(runtime);
        }
    }

    private static boolean servingPidAlive(ServiceState state) {
        return state.revision(state.serving())
                .flatMap(revision -> ProcessTree.leftover(revision.pid(), revision.pidStartedAt()))
                .isPresent();
    }

    private static void lockOrConflict(ServiceRuntime runtime) throws ExecutorFailure {
        String owner = runtime.foreignOwner;
        if (owner != null) {
            throw ExecutorFailure.conflict("service " + runtime.state.service() + " is run by another productos process (pid "
                    + owner.substring(0, owner.indexOf('@')) + ", e.g. the IDE's backend); deploy or roll back through"
                    + " that process, or stop it and retry");
        }
        if (!runtime.lock.tryLock()) {
            throw ExecutorFailure.conflict("a deploy or rollback of " + runtime.state.service()
                    + " is already in progress; wait for it to finish (cloudrun.get_service_status) and retry");
        }
    }

    /** Marks a deploy or rollback in progress, in memory and (best effort) on disk for other processes. */
    private void markBusy(ServiceRuntime runtime, boolean busy) {
        runtime.busy = busy;
        runtime.state.deploying(busy);
        files.saveQuietly(runtime.state);
    }

    /** Opens the service's stable front port once: configured, else kept from before, else a free one. */
    private void ensureFront(ServiceRuntime runtime) throws ExecutorFailure {
        if (runtime.proxy != null) return;
        ServiceState state = runtime.state;
        int port = settings.frontPort(state.service()).orElse(state.frontPort());
        try {
            runtime.proxy = TrafficProxy.open(port, state.service());
        } catch (BindException e) {
            throw new ExecutorFailure(409, "port_in_use", "port " + port + " for the stable URL of " + state.service()
                    + " is in use by another process; stop that process or set deploy.local.services."
                    + state.service() + ".front_port to a free port in .productos/config.yaml");
        } catch (IOException e) {
            throw ExecutorFailure.unavailable("cannot open the stable port of " + state.service() + ": " + e.getMessage());
        }
        state.frontPort(runtime.proxy.port());
        files.save(state);
    }

    private static String serviceUrl(ServiceRuntime runtime) {
        return "http://127.0.0.1:" + runtime.state.frontPort();
    }

    // ---------------------------------------------------------------- restart and shutdown

    /** Finds services on disk; those no live backend runs are restarted here in the background. */
    private void loadServices() {
        Path root = layout.deployRoot();
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try {
                    ServiceState.load(dir).ifPresent(state -> {
                        ServiceRuntime runtime = new ServiceRuntime(state);
                        services.put(state.service(), runtime);
                        claimOrWatch(runtime);
                    });
                } catch (IOException | RuntimeException e) {
                    LOG.warn("ignoring {}: cannot read its state ({})", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", root, e.getMessage());
        }
    }

    private void restore(ServiceRuntime runtime) {
        runtime.lock.lock();
        ServiceState state = runtime.state;
        try {
            for (RevisionRecord revision : state.revisionsNewestFirst()) {
                ProcessTree.leftover(revision.pid(), revision.pidStartedAt()).ifPresent(handle -> {
                    LOG.info("stopping process {} of {} left by an earlier backend", handle.pid(), revision.name());
                    ProcessTree.destroy(handle, settings.stopGrace());
                });
                if (revision.pid() != 0) state.put(revision.withProcess(0, 0, null));
            }
            if (closed) return;
            String revision = state.serving();
            Path revisionDir = layout.revisionDir(state.service(), revision);
            ExecutorRequest call = new ExecutorRequest("restore", Json.object(), null, null, "system",
                    new ExecutorLog());
            try (RunLog log = RunLog.open(layout, call, clock)) {
                ensureFront(runtime);
                RevisionProcess started = launcher.startHealthy(state.service(), revision, LaunchSpec.load(revisionDir), revisionDir, log);
                moveTraffic(runtime, started, log);
                LOG.info("restored {} revision {} at {}", state.service(), revision, serviceUrl(runtime));
            }
        } catch (ExecutorFailure | IOException | RuntimeException e) {
            String message = "cannot restart " + state.service() + " revision " + state.serving() + " after a backend restart: "
                    + e.getMessage() + "; deploy it again";
            LOG.warn(message);
            state.lastError(message);
            files.saveQuietly(state);
        } finally {
            runtime.busy = false;
            runtime.lock.unlock();
        }
    }

    private void stopAllProcesses() {
        closed = true;
        for (ServiceRuntime runtime : services.values()) {
            TrafficProxy proxy = runtime.proxy;
            if (proxy != null) proxy.close();
        }
        launcher.stopAll();
    }

    @Override
    public void close() {
        restorer.shutdownNow();
        stopAllProcesses();
        try {
            restorer.awaitTermination(settings.stopGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }

    /** The process serving a service, if one is running. */
    java.util.Optional<RevisionProcess> servingProcess(String service) {
        ServiceRuntime runtime = services.get(service);
        return runtime == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(runtime.serving);
    }

}
