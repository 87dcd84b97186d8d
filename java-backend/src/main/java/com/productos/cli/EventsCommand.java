package com.productos.cli;

import com.productos.control.CallRequest;
import com.productos.daemon.BackendConnection;
import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.runs.Run;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code productos events import FILE --format F --map M}: a file of product events into the warehouse. */
@Command(name = "events", description = "Product events.", subcommands = EventsCommand.ImportEvents.class)
final class EventsCommand {
    @Command(
            name = "import",
            description = {
                "Import events from a CSV, JSONL or Parquet file (the events.import_file tool).",
                "Example: --format csv --map user_id=user,event_name=event,timestamp=ts,unit=ms"
            })
    static final class ImportEvents extends BackendCommand {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--format", required = true, description = "csv, jsonl or parquet.")
        String format;

        @Option(
                names = "--map",
                required = true,
                paramLabel = "MAPPING",
                description =
                        "user_id=COL,event_name=COL,timestamp=COL[,unit=s|ms|us][,insert_id=COL][,properties=COL][,prop.NAME=COL]")
        String mapping;

        @Option(names = "--timeout-seconds", defaultValue = "3600")
        long timeoutSeconds;

        @Override
        int run(BackendConnection backend, Output output) throws Exception {
            JsonNode input = Json.object()
                    .put("path", file.toAbsolutePath().normalize().toString())
                    .put("format", format)
                    .put("mapping", mapping);
            Run started = backend.start(new CallRequest("events.import_file", input, Actor.USER, null, null));
            Run settled = backend.settle(started.id(), Duration.ofSeconds(timeoutSeconds));
            Run run = backend.get(settled.id());
            if (output.json()) {
                output.value(run);
            } else if (run.output() != null) {
                JsonNode report = run.output();
                output.line(String.format(
                        "%s: %d events read, %d imported, %d already stored, %d refused  (run %s)",
                        report.path("file").asString(),
                        report.path("events_read").asLong(),
                        report.path("imported").asLong(),
                        report.path("duplicates").asLong(),
                        report.path("rejected_count").asLong(),
                        run.id()));
                for (JsonNode row : report.path("rejected")) {
                    output.line("  line " + row.path("line").asLong() + ": "
                            + row.path("reason").asString());
                }
            } else {
                output.run(run);
            }
            return RunOutcome.exitCode(run);
        }
    }
}
