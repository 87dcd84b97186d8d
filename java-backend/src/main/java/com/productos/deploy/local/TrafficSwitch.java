package com.productos.deploy.local;

import com.productos.executors.ExecutorFailure;
import java.io.IOException;
import java.net.BindException;

/**
 * Moves a service's traffic: opens its stable front ({@link TrafficProxy}) once, sends new requests to
 * a revision that became healthy, then drains and stops the revision that lost them. Deploy, rollback
 * and restore all go through here, under the service's lock.
 */
final class TrafficSwitch {
    private final LocalDeploySettings settings;
    private final ServiceFiles files;
    private final RevisionLauncher launcher;

    TrafficSwitch(LocalDeploySettings settings, ServiceFiles files, RevisionLauncher launcher) {
        this.settings = settings;
        this.files = files;
        this.launcher = launcher;
    }

    /** Opens the service's stable front port once: configured, else kept from before, else a free one. */
    void ensureFront(ServiceRuntime runtime) throws ExecutorFailure {
        if (runtime.proxy != null) return;
        ServiceState state = runtime.state;
        int port = settings.frontPort(state.service()).orElse(state.frontPort());
        try {
            runtime.proxy = TrafficProxy.open(port, state.service());
        } catch (BindException e) {
            throw new ExecutorFailure(
                    409,
                    "port_in_use",
                    "port " + port + " for the stable URL of " + state.service()
                            + " is in use by another process; stop that process or set deploy.local.services."
                            + state.service() + ".front_port to a free port in .productos/config.yaml");
        } catch (IOException e) {
            throw ExecutorFailure.unavailable(
                    "cannot open the stable port of " + state.service() + ": " + e.getMessage());
        }
        state.frontPort(runtime.proxy.port());
        files.save(state);
    }

    /** Sends traffic to {@code next}, then drains and stops the revision that had it; returns its name. */
    String moveTo(ServiceRuntime runtime, RevisionProcess next, RunLog log) throws ExecutorFailure {
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
                    log.warn(previous.revision() + " still had requests after "
                            + settings.drainTimeout().toSeconds() + " s (drain_timeout_seconds); stopping it anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long drained = System.nanoTime();
            launcher.stop(previous);
            log.info("stopped " + previous.revision() + " (drained in " + (drained - start) / 1_000_000
                    + " ms, stopped in " + (System.nanoTime() - drained) / 1_000_000 + " ms)");
        }
        return previousName;
    }

    static String serviceUrl(ServiceRuntime runtime) {
        return "http://127.0.0.1:" + runtime.state.frontPort();
    }
}
