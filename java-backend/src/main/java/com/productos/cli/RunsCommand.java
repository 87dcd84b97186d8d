package com.productos.cli;

import com.productos.daemon.BackendConnection;
import com.productos.runs.Run;
import com.productos.runs.RunPage;
import com.productos.runs.RunQuery;
import com.productos.runs.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code productos runs list|show}: the run history. */
@Command(
        name = "runs",
        description = "The run history.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class})
final class RunsCommand {
    @Command(name = "list", description = "List runs, newest first.")
    static final class ListRuns extends BackendCommand {
        @Option(names = "--tool")
        String tool;

        @Option(
                names = "--status",
                description =
                        "queued, awaiting_approval, running, succeeded, failed, cancelled, denied or interrupted.")
        String status;

        @Option(names = "--session")
        String sessionId;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Option(names = "--cursor", description = "nextCursor of the previous page.")
        String cursor;

        @Override
        int run(BackendConnection backend, Output output) {
            RunStatus statusFilter = status == null
                    ? null
                    : RunStatus.parse(status)
                            .orElseThrow(() ->
                                    new CliFailure(ExitCodes.USAGE, "--status '" + status + "' is not a run status"));
            RunQuery query;
            try {
                query = new RunQuery(tool, statusFilter, null, sessionId, limit, cursor);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.USAGE, "--limit: " + e.getMessage());
            }
            RunPage page = backend.list(query);
            if (output.json()) {
                output.value(page);
            } else {
                for (Run run : page.runs()) output.runSummary(run);
                if (page.nextCursor() != null) output.line("more: --cursor " + page.nextCursor());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show one run with its output, error and log lines.")
    static final class ShowRun extends BackendCommand {
        @Parameters(paramLabel = "RUN_ID")
        String runId;

        @Override
        int run(BackendConnection backend, Output output) {
            output.run(backend.get(runId));
            return ExitCodes.OK;
        }
    }
}
