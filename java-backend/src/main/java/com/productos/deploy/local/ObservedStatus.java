package com.productos.deploy.local;

import com.productos.deploy.ServiceStatus;
import com.productos.executors.ExecutorFailure;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * cloudrun.get_service_status on the local target. "ready" only when the serving revision's process is
 * running and its health check answers now, directly and through the front ({@link ServiceHealthProbe});
 * otherwise "error" or "unknown" with the reason. A deploy or rollback in progress is "deploying", and
 * a failed last deploy stays "error" until a deploy or rollback succeeds.
 */
final class ObservedStatus {
    private final LocalLogLayout layout;

    ObservedStatus(LocalLogLayout layout) {
        this.layout = layout;
    }

    /** {@code state} is what the owner last wrote when another process runs the service, else this backend's. */
    ServiceStatus of(ServiceRuntime runtime, ServiceState state, String region) throws ExecutorFailure {
        boolean foreign = runtime.foreignOwner != null;
        ServiceHealthProbe.Observation observed;
        if (foreign ? state.deploying() : runtime.busy) {
            observed = new ServiceHealthProbe.Observation(ServiceStatus.State.deploying, null);
        } else if (state.lastError() != null) {
            observed = ServiceHealthProbe.Observation.error(state.lastError());
        } else if (state.serving() == null) {
            observed = new ServiceHealthProbe.Observation(
                    ServiceStatus.State.unknown, "no revision of " + state.service() + " has become ready yet");
        } else {
            observed = observeServing(runtime, state, foreign);
        }
        String url = state.frontPort() == 0 ? "" : "http://127.0.0.1:" + state.frontPort();
        return new ServiceStatus(
                state.service(),
                region,
                url,
                state.serving(),
                observed.state(),
                state.lastDeployTime(),
                observed.reason());
    }

    private ServiceHealthProbe.Observation observeServing(ServiceRuntime runtime, ServiceState state, boolean foreign)
            throws ExecutorFailure {
        String revision = state.serving();
        Path revisionDir = layout.revisionDir(state.service(), revision);
        LaunchSpec launch;
        try {
            launch = LaunchSpec.load(revisionDir);
        } catch (IOException | RuntimeException e) {
            return new ServiceHealthProbe.Observation(
                    ServiceStatus.State.unknown,
                    "cannot tell how to health-check " + revision + ": " + revisionDir.resolve(LaunchSpec.FILE_NAME)
                            + " is missing or damaged; deploy again");
        }
        boolean running;
        int port;
        int frontPort;
        if (foreign) {
            // Its owner's handles are out of reach: the pid and start time it recorded stand for the process.
            Optional<RevisionRecord> record = state.revision(revision);
            running = record.flatMap(r -> ProcessTree.leftover(r.pid(), r.pidStartedAt()))
                    .isPresent();
            port = record.map(RevisionRecord::port).orElse(0);
            frontPort = state.frontPort();
        } else {
            RevisionProcess serving = runtime.serving;
            // isRunning reads /proc: a killed process the JDK has not reaped yet is a zombie, not running.
            running = serving != null
                    && serving.revision().equals(revision)
                    && serving.isAlive()
                    && ProcessTree.isRunning(serving.process().toHandle());
            port = serving == null ? 0 : serving.port();
            TrafficProxy proxy = runtime.proxy;
            frontPort = proxy == null ? 0 : proxy.port();
        }
        try {
            return ServiceHealthProbe.observe(state.service(), revision, running, port, frontPort, launch.healthPath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExecutorFailure.unavailable("interrupted while checking the health of " + revision);
        }
    }
}
