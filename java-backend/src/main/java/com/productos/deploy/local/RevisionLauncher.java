package com.productos.deploy.local;

import com.productos.common.KnownSecrets;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ServiceVariables;
import com.productos.json.Json;
import com.productos.logfiles.LocalLogLayout;
import com.productos.logfiles.LogFileReader;
import com.productos.logfiles.LogFileWriter;
import com.productos.logfiles.LogLine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds revisions and starts them until healthy, keeping every process it starts so that
 * {@link #stopAll()} can stop them all (close and the JVM shutdown hook). Failures are executor
 * errors that carry the tail of the build or revision log.
 */
final class RevisionLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionLauncher.class);
    private static final int LOG_TAIL_LINES = 40;
    private final LocalLogLayout layout;
    private final Clock clock;
    private final Duration stopGrace;
    /** Where pass_env values come from: the configured environment, else this process's. */
    private final Map<String, String> hostEnvironment;
    /** What the backend supplies itself (the embedded ingest URL and token); ahead of the environment. */
    private final ServiceVariables wired;
    /** Every process started and not stopped yet (builds and revisions). */
    private final Set<Process> liveProcesses = ConcurrentHashMap.newKeySet();
    /** The same processes on disk, for the next backend should this one be killed. */
    private final ChildProcessLedger ledger;

    private volatile boolean closed;

    RevisionLauncher(
            LocalLogLayout layout,
            Clock clock,
            Duration stopGrace,
            Map<String, String> hostEnvironment,
            ServiceVariables wired,
            ChildProcessLedger ledger) {
        this.wired = wired;
        this.layout = layout;
        this.ledger = ledger;
        this.clock = clock;
        this.stopGrace = stopGrace;
        this.hostEnvironment = Map.copyOf(hostEnvironment);
    }

    void build(
            ServiceManifest manifest,
            Path context,
            Map<String, String> env,
            String service,
            String revision,
            RunLog log)
            throws ExecutorFailure {
        if (manifest.buildCommand() == null) {
            log.info("no build command in " + ServiceManifest.FILE_NAME + "; skipping the build");
            return;
        }
        log.info("building " + revision + ": " + manifest.buildCommand());
        Path buildLog = layout.buildLog(service, revision);
        CommandResult result;
        try (LogFileWriter buildFile = new LogFileWriter(buildLog, clock)) {
            result = Commands.run(
                    List.of("sh", "-c", manifest.buildCommand()),
                    context,
                    env,
                    manifest.buildTimeout(),
                    line -> {
                        buildFile.write("INFO", line);
                        log.output("INFO", line);
                    },
                    this::track);
        } catch (IOException e) {
            throw new ExecutorFailure(
                    500, "build_failed", "cannot run the build command of " + revision + ": " + e.getMessage());
        } finally {
            liveProcesses.stream()
                    .filter(process -> !process.isAlive())
                    .toList()
                    .forEach(this::untrack);
        }
        if (result.succeeded()) {
            log.info("build of " + revision + " succeeded");
            return;
        }
        List<String> tail = lastLines(KnownSecrets.redact(result.output()), LOG_TAIL_LINES);
        String why = result.timedOut()
                ? "took longer than " + manifest.buildTimeout().toSeconds()
                        + " s (build_timeout_seconds) and was stopped"
                : "exited with code " + result.exitCode();
        ObjectNode details = Json.object()
                .put("revision", revision)
                .put("exit_code", result.exitCode())
                .put("build_log_file", buildLog.toString());
        tail.forEach(details.putArray("build_log")::add);
        throw new ExecutorFailure(
                422,
                "build_failed",
                "build of " + revision + " (" + manifest.buildCommand() + ") " + why
                        + "; the serving revision is unchanged. Last build output: "
                        + String.join(" | ", lastLines(KnownSecrets.redact(result.output()), 5)),
                details);
    }

    /** Starts a revision on a free port and waits for its health check; on failure it is stopped. */
    RevisionProcess startHealthy(String service, String revision, LaunchSpec launch, Path revisionDir, RunLog log)
            throws ExecutorFailure {
        int port = freePort();
        RevisionProcess process;
        try {
            LogFileWriter revisionLog = new LogFileWriter(layout.revisionLog(service, revision), clock);
            process = RevisionProcess.start(
                    revision,
                    launch.runCommand(),
                    revisionDir.resolve(launch.workDir()),
                    port,
                    runtimeEnv(service, revision, launch.env(), launch.passEnv(), log),
                    revisionLog,
                    this::track);
        } catch (IOException e) {
            throw new ExecutorFailure(
                    500,
                    "start_failed",
                    "cannot start " + revision + " (" + launch.runCommand() + "): " + e.getMessage());
        }
        log.info("started " + revision + " on 127.0.0.1:" + port + "; waiting up to "
                + launch.healthTimeout().toSeconds() + " s for GET " + launch.healthPath());
        HealthCheck.Outcome outcome;
        try {
            outcome = HealthCheck.await(process, launch.healthPath(), launch.healthTimeout());
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw ExecutorFailure.unavailable("interrupted while waiting for " + revision + " to become healthy");
        }
        if (outcome instanceof HealthCheck.Healthy healthy) {
            log.info(revision + " is healthy after " + healthy.took().toMillis() + " ms");
            return process;
        }
        stop(process);
        List<String> tail = revisionLogTail(service, revision);
        ObjectNode details = Json.object()
                .put("revision", revision)
                .put("port", port)
                .put("revision_log_file", layout.revisionLog(service, revision).toString());
        tail.forEach(details.putArray("revision_log")::add);
        String last = tail.isEmpty()
                ? "(no output)"
                : String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
        if (outcome instanceof HealthCheck.Crashed crashed) {
            details.put("exit_code", crashed.exitCode());
            throw new ExecutorFailure(
                    422,
                    "start_failed",
                    revision + " exited with code " + crashed.exitCode() + " before answering GET "
                            + launch.healthPath() + "; the serving revision is unchanged. Last output: " + last,
                    details);
        }
        HealthCheck.TimedOut timedOut = (HealthCheck.TimedOut) outcome;
        throw new ExecutorFailure(
                422,
                "health_check_failed",
                revision + " did not answer GET " + launch.healthPath()
                        + " with 2xx within " + launch.healthTimeout().toSeconds()
                        + " s (health_timeout_seconds; last: "
                        + timedOut.lastProblem()
                        + "); it was stopped and the serving revision is unchanged. Last output: " + last,
                details);
    }

    Map<String, String> runtimeEnv(
            String service, String revision, Map<String, String> env, List<String> passEnv, RunLog log) {
        Map<String, String> all = new LinkedHashMap<>();
        // Read at each start: a revision started again by a later backend gets that backend's endpoint.
        Map<String, String> supplied = wired.current();
        for (String name : passEnv) {
            String value = supplied.containsKey(name)
                    ? supplied.get(name)
                    : hostEnvironment.getOrDefault(name, System.getenv(name));
            if (value == null)
                log.warn("pass_env variable " + name + " is not set in the backend's environment; " + revision
                        + " runs without it");
            else {
                // Passed by name because it is a secret: cut out of build and revision output wherever it shows.
                KnownSecrets.add(value);
                all.put(name, value);
            }
        }
        all.putAll(env);
        all.put("K_SERVICE", service);
        all.put("K_REVISION", revision);
        all.put("K_CONFIGURATION", service);
        return all;
    }

    private static int freePort() throws ExecutorFailure {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw ExecutorFailure.unavailable("no free loopback port for a new revision: " + e.getMessage());
        }
    }

    private void track(Process process) {
        liveProcesses.add(process);
        try {
            ledger.record(process.toHandle());
        } catch (IOException e) {
            LOG.warn(
                    "cannot record child process {}: {}; it may outlive this backend if it is killed",
                    process.pid(),
                    e.getMessage());
        }
        if (closed) process.toHandle().destroyForcibly();
    }

    private void untrack(Process process) {
        liveProcesses.remove(process);
        try {
            ledger.forget(process.toHandle());
        } catch (IOException e) {
            LOG.warn("cannot update the record of child processes: {}", e.getMessage());
        }
    }

    void stop(RevisionProcess process) {
        process.stop(stopGrace);
        untrack(process.process());
    }

    private List<String> revisionLogTail(String service, String revision) {
        try {
            List<String> texts = LogFileReader.read(layout.revisionLog(service, revision), Instant.EPOCH).stream()
                    .map(LogLine::text)
                    .toList();
            return texts.subList(Math.max(0, texts.size() - LOG_TAIL_LINES), texts.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> lastLines(String text, int count) {
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** Stops every process still running; processes started afterwards are stopped at once. */
    void stopAll() {
        closed = true;
        new ArrayList<>(liveProcesses)
                .parallelStream().forEach(process -> ProcessTree.destroy(process.toHandle(), stopGrace));
        liveProcesses.clear();
        try {
            ledger.clear();
        } catch (IOException e) {
            LOG.warn("cannot remove the record of child processes: {}", e.getMessage());
        }
    }
}
