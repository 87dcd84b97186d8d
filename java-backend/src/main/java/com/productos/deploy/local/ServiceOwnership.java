package com.productos.deploy.local;

import com.productos.common.ProcessOwner;
import com.productos.executors.ExecutorFailure;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which backend process runs each service of the workspace. Several backends may share a workspace
 * (the IDE's and a CLI call): a service belongs to the live backend process recorded as its owner;
 * other processes read its state but do not start, stop or deploy it, and take it over only once that
 * process has gone. A service this backend claims with a serving revision is handed to
 * {@code restore}, which starts that revision again here.
 */
final class ServiceOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceOwnership.class);
    private final Map<String, ServiceRuntime> services = new ConcurrentHashMap<>();
    private final LocalLogLayout layout;
    private final ServiceFiles files;
    /** This backend process, as recorded in the state of the services it runs. */
    private final String self;

    private final Consumer<ServiceRuntime> restore;
    /** Told when the owner of a watched service has gone, before the service is taken over. */
    private final Runnable ownerGone;

    ServiceOwnership(
            LocalLogLayout layout,
            ServiceFiles files,
            String self,
            Consumer<ServiceRuntime> restore,
            Runnable ownerGone) {
        this.layout = layout;
        this.files = files;
        this.self = self;
        this.restore = restore;
        this.ownerGone = ownerGone;
    }

    /** Finds the services on disk; those no live backend runs are claimed here. */
    void loadAll() {
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

    /**
     * The service as this backend sees it: in memory, else found on disk (run by another backend, or
     * left by one that is gone), else new when {@code create}; null when it does not exist.
     */
    ServiceRuntime runtimeFor(String service, boolean create) throws ExecutorFailure {
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

    ServiceRuntime existing(String service) throws ExecutorFailure {
        ServiceRuntime runtime = runtimeFor(service, false);
        if (runtime == null) {
            throw ExecutorFailure.notFound("no service named '" + service + "' has been deployed to the local target;"
                    + " check the name or deploy it first with cloudrun.deploy_service");
        }
        return runtime;
    }

    /** Takes the service's lock for a deploy or rollback; a conflict when another process owns it or one is running. */
    static void lockOrConflict(ServiceRuntime runtime) throws ExecutorFailure {
        String owner = runtime.foreignOwner;
        if (owner != null) {
            throw ExecutorFailure.conflict("service " + runtime.state.service()
                    + " is run by another productos process (pid "
                    + owner.substring(0, owner.indexOf('@')) + ", e.g. the IDE's backend); deploy or roll back through"
                    + " that process, or stop it and retry");
        }
        if (!runtime.lock.tryLock()) {
            throw ExecutorFailure.conflict("a deploy or rollback of " + runtime.state.service()
                    + " is already in progress; wait for it to finish (cloudrun.get_service_status) and retry");
        }
    }

    Optional<ServiceRuntime> find(String service) {
        return Optional.ofNullable(services.get(service));
    }

    Collection<ServiceRuntime> all() {
        return services.values();
    }

    /** Runs the service here unless another live backend process does; then only watches its state. */
    private void claimOrWatch(ServiceRuntime runtime) {
        String owner = runtime.state.owner();
        if (owner != null && !owner.equals(self) && ProcessOwner.isAlive(owner)) {
            runtime.foreignOwner = owner;
            return;
        }
        runtime.foreignOwner = null;
        if (!self.equals(owner)) markInterrupted(runtime.state, owner);
        runtime.state.owner(self);
        if (runtime.state.serving() != null) {
            runtime.busy = true;
            restore.accept(runtime);
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
            ownerGone.run();
            runtime.state = files.loadState(runtime.state.service()).orElse(runtime.state);
            claimOrWatch(runtime);
        }
    }

    /**
     * A revision still BUILDING when its backend has gone was being built or health-checked when that
     * backend stopped: it failed, and the service is no longer being deployed.
     */
    private static void markInterrupted(ServiceState state, String goneOwner) {
        String backend = goneOwner == null || goneOwner.indexOf('@') < 0
                ? "the backend that deployed it"
                : "the backend that deployed it (pid " + goneOwner.substring(0, goneOwner.indexOf('@')) + ")";
        for (RevisionRecord revision : state.revisionsNewestFirst()) {
            if (revision.status() != RevisionRecord.Status.BUILDING) continue;
            String message = "the deploy of " + revision.name() + " was interrupted: " + backend
                    + " stopped before it became healthy; deploy again";
            state.put(revision.withStatus(RevisionRecord.Status.FAILED, message).withProcess(0, 0, null));
            state.lastError(message);
            LOG.info(message);
        }
        state.deploying(false);
    }
}
