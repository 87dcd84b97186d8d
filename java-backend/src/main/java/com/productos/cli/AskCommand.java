package com.productos.cli;

import com.productos.app.Backend;
import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.supervisor.SendReceipt;
import com.productos.supervisor.Supervisor;
import com.productos.supervisor.session.SessionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code productos ask "TEXT" [--session ID] [--json]}: one turn of the supervisor, for scripts. Prints
 * the turn's events (as JSON lines with --json) and exits 0 when it completed, 3 when it waits for an
 * approval (decide it with {@code productos approvals approve|deny}, then ask again in the same session),
 * and 1 when it hit a limit, failed or was cancelled.
 */
@Command(name = "ask", description = "Ask the supervisor once; its tool runs go through policy and approvals.")
final class AskCommand extends InProcessBackendCommand {
    @Parameters(paramLabel = "TEXT", description = "What to ask, in words.")
    String text;

    @Option(
            names = "--session",
            paramLabel = "ID",
            description = "Continue this session (see sessions in the chat panel).")
    String session;

    @Option(names = "--timeout-seconds", defaultValue = "900", description = "Give up waiting after this long.")
    long timeoutSeconds;

    @Override
    int run(Backend backend, Output output) throws Exception {
        Supervisor supervisor = backend.supervisor();
        TurnWaiter waiter = new TurnWaiter(new ChatPrinter(System.out, output.json()));
        supervisor.addListener(waiter);
        try {
            if (session != null) waiter.follow(session);
            SendReceipt receipt = acceptWhenFree(supervisor, waiter);
            waiter.follow(receipt.sessionId());
            if (!output.json())
                System.err.println(
                        "session " + receipt.sessionId() + " (" + receipt.provider() + "/" + receipt.model() + ")");
            supervisor.begin(receipt);
            TurnWaiter.TurnEnd end = waiter.next(timeoutSeconds);
            return switch (end.stopReason()) {
                case "completed" -> ExitCodes.OK;
                case "awaiting_approval" -> {
                    if (!output.json()) {
                        System.err.println(
                                "waiting for a person: productos approvals approve|deny ID, then continue with"
                                        + " productos ask \"...\" --session " + receipt.sessionId());
                    }
                    yield ExitCodes.APPROVAL_REQUIRED;
                }
                default -> ExitCodes.RUN_FAILED;
            };
        } finally {
            supervisor.removeListener(waiter);
        }
    }

    /** A session whose approval was decided meanwhile resumes its paused turn first; the new message follows it. */
    private SendReceipt acceptWhenFree(Supervisor supervisor, TurnWaiter waiter) throws InterruptedException {
        try {
            return supervisor.accept(session, text);
        } catch (ToolCallException busy) {
            if (busy.code() != ErrorCode.SessionBusy
                    || session == null
                    || supervisor.session(session).session().status() != SessionStatus.RUNNING) {
                throw busy;
            }
            waiter.next(timeoutSeconds);
            return supervisor.accept(session, text);
        }
    }
}
