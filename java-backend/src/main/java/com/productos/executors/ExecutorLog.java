package com.productos.executors;

import java.util.ArrayList;
import java.util.List;

/** Log lines and artifacts an executor records while handling one request. Thread-safe. */
public final class ExecutorLog {
    private final List<ExecutorLogLine> lines = new ArrayList<>();
    private final List<ExecutorArtifact> artifacts = new ArrayList<>();

    public synchronized void info(String text) {
        lines.add(new ExecutorLogLine("INFO", text));
    }

    public synchronized void warn(String text) {
        lines.add(new ExecutorLogLine("WARNING", text));
    }

    public synchronized void error(String text) {
        lines.add(new ExecutorLogLine("ERROR", text));
    }

    public synchronized void artifact(String name, String uri, String mediaType) {
        artifacts.add(new ExecutorArtifact(name, uri, mediaType));
    }

    public synchronized List<ExecutorLogLine> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<ExecutorArtifact> artifacts() {
        return List.copyOf(artifacts);
    }
}
