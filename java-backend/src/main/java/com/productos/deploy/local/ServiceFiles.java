package com.productos.deploy.local;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorRequest;
import com.productos.logfiles.LocalLogLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the local deploy target keeps on disk under .productos/deploy/: each service's state, each
 * revision's launch spec, the run logs, and the pruning of old revision folders. Failures become
 * executor errors that name the folder to fix.
 */
final class ServiceFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceFiles.class);
    private final LocalLogLayout layout;
    private final int keepRevisions;
    private final Clock clock;

    ServiceFiles(LocalLogLayout layout, int keepRevisions, Clock clock) {
        this.layout = layout;
        this.keepRevisions = keepRevisions;
        this.clock = clock;
    }

    Optional<ServiceState> loadState(String service) throws ExecutorFailure {
        try {
            return ServiceState.load(layout.serviceDir(service));
        } catch (IOException | RuntimeException e) {
            throw ExecutorFailure.unavailable("cannot read the state of " + service + " in "
                    + layout.serviceDir(service) + ": " + e.getMessage() + "; fix or remove that folder");
        }
    }

    /** Keeps the serving revision and the newest keep_revisions others; deletes older folders. */
    void prune(ServiceState state, RunLog log) {
        List<RevisionRecord> others = state.revisionsNewestFirst().stream()
                .filter(r -> !r.name().equals(state.serving()))
                .toList();
        for (RevisionRecord old : others.subList(Math.min(others.size(), keepRevisions), others.size())) {
            Path dir = layout.revisionDir(state.service(), old.name());
            try {
                deleteTree(dir);
                state.remove(old.name());
                log.info("removed old revision " + old.name());
            } catch (IOException e) {
                log.warn("cannot remove old revision folder " + dir + ": " + e.getMessage());
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    RunLog openRunLog(ExecutorRequest call) throws ExecutorFailure {
        try {
            return RunLog.open(layout, call, clock);
        } catch (IOException e) {
            throw ExecutorFailure.unavailable("cannot open the run log under "
                    + layout.runLog(call.runId()).getParent() + ": " + e.getMessage());
        }
    }

    void save(ServiceState state) throws ExecutorFailure {
        try {
            state.save(layout.serviceDir(state.service()));
        } catch (IOException e) {
            throw ExecutorFailure.unavailable("cannot write the state of " + state.service() + " under "
                    + layout.serviceDir(state.service()) + ": " + e.getMessage());
        }
    }

    void saveQuietly(ServiceState state) {
        try {
            state.save(layout.serviceDir(state.service()));
        } catch (IOException e) {
            LOG.warn("cannot write the state of {}: {}", state.service(), e.getMessage());
        }
    }

    static void save(LaunchSpec launch, Path revisionDir) throws ExecutorFailure {
        try {
            launch.save(revisionDir);
        } catch (IOException e) {
            throw ExecutorFailure.unavailable(
                    "cannot write " + revisionDir.resolve(LaunchSpec.FILE_NAME) + ": " + e.getMessage());
        }
    }
}
