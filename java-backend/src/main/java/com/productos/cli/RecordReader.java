package com.productos.cli;

import com.productos.control.CallRequest;
import com.productos.daemon.BackendConnection;
import com.productos.json.Json;
import com.productos.runs.Run;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Reads the linked records (insights, campaigns, measurements) through their low-risk registry tools,
 * so the CLI sees exactly what the editor and the supervisor see, and every read is a recorded run.
 */
final class RecordReader {
    private static final long TIMEOUT_SECONDS = 60;
    private final BackendConnection backend;

    RecordReader(BackendConnection backend) {
        this.backend = backend;
    }

    JsonNode read(String tool, JsonNode input) throws Exception {
        Run started;
        try {
            started = backend.start(CallRequest.byUser(tool, input));
        } catch (com.productos.control.ToolCallException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
        Run run = backend.settle(started.id(), Duration.ofSeconds(TIMEOUT_SECONDS));
        if (!"succeeded".equals(run.status().wireName())) {
            String why =
                    run.error() == null ? run.status().wireName() : run.error().message();
            throw new CliFailure(ExitCodes.RUN_FAILED, why + " (run " + run.id() + ")");
        }
        return run.output();
    }

    JsonNode read(String tool, String field, String value) throws Exception {
        return read(tool, Json.object().put(field, value));
    }
}
