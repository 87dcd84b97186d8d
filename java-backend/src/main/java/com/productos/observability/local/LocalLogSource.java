package com.productos.observability.local;

import com.productos.executors.ExecutorFailure;
import com.productos.logfiles.LocalLogLayout;
import com.productos.logfiles.LogFileReader;
import com.productos.logfiles.LogLine;
import com.productos.observability.LogQuery;
import com.productos.observability.LogSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** logs.tail over the local log files: every revision (and build) of a service, or one run. */
public final class LocalLogSource implements LogSource {
    private final LocalLogLayout layout;
    private final Clock clock;

    public LocalLogSource(LocalLogLayout layout, Clock clock) {
        this.layout = layout;
        this.clock = clock;
    }

    @Override
    public List<LogLine> tail(LogQuery query) throws ExecutorFailure {
        Instant since = clock.instant().minus(query.since());
        List<Path> files = new ArrayList<>();
        if (query.scope() == LogQuery.Scope.service) {
            Path serviceDir = layout.serviceDir(query.serviceName());
            if (!Files.isDirectory(serviceDir)) {
                throw ExecutorFailure.notFound("no service named '" + query.serviceName()
                        + "' has been deployed to the local target; check the name or deploy it first");
            }
            try (Stream<Path> revisions = Files.list(serviceDir)) {
                revisions.filter(Files::isDirectory).forEach(dir -> {
                    files.add(dir.resolve(LocalLogLayout.BUILD_LOG));
                    files.add(dir.resolve(LocalLogLayout.REVISION_LOG));
                });
            } catch (IOException e) {
                throw ExecutorFailure.unavailable("cannot list " + serviceDir + ": " + e.getMessage());
            }
        } else {
            Path runLog = layout.runLog(query.runId());
            if (!Files.isRegularFile(runLog)) {
                throw ExecutorFailure.notFound("no log file for run '" + query.runId() + "' (" + runLog
                        + "); only deploy runs write one; check the run id");
            }
            files.add(runLog);
        }
        List<LogLine> lines = new ArrayList<>();
        for (Path file : files) {
            try {
                lines.addAll(LogFileReader.read(file, since));
            } catch (IOException e) {
                throw ExecutorFailure.unavailable("cannot read log file " + file + ": " + e.getMessage());
            }
        }
        // Stable sort keeps each file's own order for equal timestamps.
        lines.sort(Comparator.comparing(LogLine::timestamp));
        return List.copyOf(lines.subList(Math.max(0, lines.size() - query.limit()), lines.size()));
    }
}
