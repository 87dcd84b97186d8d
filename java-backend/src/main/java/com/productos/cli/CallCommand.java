package com.productos.cli;

import com.productos.control.CallRequest;
import com.productos.daemon.BackendConnection;
import com.productos.policy.Actor;
import com.productos.runs.Run;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code productos call TOOL --input JSON|@FILE}: one tool call through the control plane. */
@Command(
        name = "call",
        description = {
            "Call a tool through the control plane and print its run.",
            "Exit codes: 0 succeeded, 1 failed/denied/cancelled, 2 bad usage or input, 3 waiting for approval."
        })
final class CallCommand extends BackendCommand {
    @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name, e.g. brand.get_profile.")
    String tool;

    @Option(
            names = "--input",
            paramLabel = "JSON|@FILE",
            defaultValue = "{}",
            description = "Tool input as JSON, or @path to a JSON file.")
    String input;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Repeat-safe key: the same key returns the first run instead of calling again.")
    String idempotencyKey;

    @Option(names = "--session", paramLabel = "ID", description = "Parent session id recorded on the run.")
    String sessionId;

    @Option(names = "--timeout-seconds", defaultValue = "600", description = "How long to wait for the run to end.")
    long timeoutSeconds;

    @Override
    int run(BackendConnection backend, Output output) throws Exception {
        var request = new CallRequest(tool, InputArgument.read(input), Actor.USER, idempotencyKey, sessionId);
        Run started = backend.start(request);
        Run settled;
        try {
            settled = backend.settle(started.id(), Duration.ofSeconds(timeoutSeconds));
        } catch (TimeoutException e) {
            backend.cancel(started.id());
            throw new CliFailure(
                    ExitCodes.RUN_FAILED,
                    "run " + started.id() + " did not end within " + timeoutSeconds
                            + " s and was cancelled; raise --timeout-seconds for long calls");
        }
        output.run(backend.get(settled.id()));
        return RunOutcome.exitCode(settled);
    }
}
