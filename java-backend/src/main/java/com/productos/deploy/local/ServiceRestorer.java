package com.productos.deploy.local;

import com.productos.common.DaemonThreads;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the serving revision of a service this backend has claimed again, in the background, on its
 * kept front port and from its revision folder without rebuilding. Any process of the service that an
 * earlier backend left behind (matched by pid and start time) is stopped first. A restart that fails
 * is recorded as the service's last error.
 */
final class ServiceRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRestorer.class);
    private final LocalLogLayout layout;
    private final ServiceFiles files;
    private final RevisionLauncher launcher;
    private final TrafficSwitch traffic;
    private final Duration stopGrace;
    private final Clock clock;
    private final ExecutorService worker;
    private volatile boolean closed;

    ServiceRestorer(
            LocalLogLayout layout,
            ServiceFiles files,
            RevisionLauncher launcher,
            TrafficSwitch traffic,
            Duration stopGrace,
            Clock clock) {
        this.layout = layout;
        this.files = files;
        this.launcher = launcher;
        this.traffic = traffic;
        this.stopGrace = stopGrace;
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(DaemonThreads.named("local-deploy-restore"));
    }

    /** Queues a restart; the service stays busy ("deploying") until it is done. */
    void submit(ServiceRuntime runtime) {
        worker.submit(() -> restore(runtime));
    }

    /** Runs {@code task} on the restore thread, after the restarts queued before it and before those queued after. */
    void runInOrder(Runnable task) {
        worker.submit(task);
    }

    /** No revision is started from now on (close, JVM shutdown). */
    void refuseNewStarts() {
        closed = true;
    }

    void shutdownNow() {
        worker.shutdownNow();
    }

    void awaitTermination(Duration timeout) {
        try {
            worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void restore(ServiceRuntime runtime) {
        runtime.lock.lock();
        ServiceState state = runtime.state;
        try {
            for (RevisionRecord revision : state.revisionsNewestFirst()) {
                ProcessTree.leftover(revision.pid(), revision.pidStartedAt()).ifPresent(handle -> {
                    LOG.info("stopping process {} of {} left by an earlier backend", handle.pid(), revision.name());
                    ProcessTree.destroy(handle, stopGrace);
                });
                if (revision.pid() != 0) state.put(revision.withProcess(0, 0, null));
            }
            if (closed) return;
            String revision = state.serving();
            Path revisionDir = layout.revisionDir(state.service(), revision);
            ExecutorRequest call =
                    new ExecutorRequest("restore", Json.object(), null, null, "system", new ExecutorLog());
            try (RunLog log = RunLog.open(layout, call, clock)) {
                traffic.ensureFront(runtime);
                RevisionProcess started = launcher.startHealthy(
                        state.service(), revision, LaunchSpec.load(revisionDir), revisionDir, log);
                traffic.moveTo(runtime, started, log);
                LOG.info("restored {} revision {} at {}", state.service(), revision, TrafficSwitch.serviceUrl(runtime));
            }
        } catch (ExecutorFailure | IOException | RuntimeException e) {
            String message = "cannot restart " + state.service() + " revision " + state.serving()
                    + " after a backend restart: " + e.getMessage() + "; deploy it again";
            LOG.warn(message);
            state.lastError(message);
            files.saveQuietly(state);
        } finally {
            runtime.busy = false;
            runtime.lock.unlock();
        }
    }
}
