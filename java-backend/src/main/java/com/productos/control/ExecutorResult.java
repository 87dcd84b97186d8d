package com.productos.control;

import com.productos.runs.RunArtifact;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** An executor's successful answer: the tool output, its log lines and the artifacts it made. */
public record ExecutorResult(JsonNode output, List<ExecutorLogLine> logs, List<RunArtifact> artifacts) {
    public ExecutorResult {
        logs = logs == null ? List.of() : List.copyOf(logs);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /** A line an executor logged while working on the run. */
    public record ExecutorLogLine(String severity, String text) {}
}
