package com.productos.cli;

import com.productos.app.Backend;
import com.productos.control.ToolCallException;
import com.productos.supervisor.SendReceipt;
import com.productos.supervisor.Supervisor;
import com.productos.supervisor.SupervisorEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code productos chat}: a conversation with the supervisor in the terminal. Tool runs are shown as
 * they happen; a call that needs approval is put to the person at the keyboard as a y/n question,
 * decided as theirs, and the turn goes on. An empty line or end of input ends the chat.
 */
@Command(name = "chat", description = "Talk to the supervisor in the terminal; approve or deny its calls with y/n.")
final class ChatCommand extends InProcessBackendCommand {
    @Option(names = "--session", paramLabel = "ID", description = "Continue this session.")
    String session;

    @Option(names = "--timeout-seconds", defaultValue = "900", description = "Longest wait for one turn.")
    long timeoutSeconds;

    @Override
    int run(Backend backend, Output output) throws Exception {
        Supervisor supervisor = backend.supervisor();
        TurnWaiter waiter = new TurnWaiter(new ChatPrinter(System.out, output.json()));
        supervisor.addListener(waiter);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String sessionId = session;
        System.out.println("Product OS chat (" + supervisor.providerName() + "/" + supervisor.modelName()
                + "). An empty line ends it.");
        try {
            while (true) {
                System.out.print("> ");
                System.out.flush();
                String line = in.readLine();
                if (line == null || line.isBlank()) return ExitCodes.OK;
                SendReceipt receipt;
                try {
                    receipt = supervisor.accept(sessionId, line);
                } catch (ToolCallException refused) {
                    System.out.println("  " + refused.getMessage());
                    continue;
                }
                sessionId = receipt.sessionId();
                waiter.follow(sessionId);
                supervisor.begin(receipt);
                TurnWaiter.TurnEnd end = waiter.next(timeoutSeconds);
                while (end.stopReason().equals("awaiting_approval")) {
                    for (SupervisorEvent approval : end.approvals()) {
                        String id = approval.json().path("approvalId").asString();
                        System.out.print(
                                "Approve " + approval.json().path("tool").asString() + " (" + id + ")? [y/N] ");
                        System.out.flush();
                        String answer = in.readLine();
                        boolean yes = answer != null
                                && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
                        backend.controlPlane()
                                .decide(id, yes, ApprovalsCommand.decider(), yes ? null : "denied in the chat");
                    }
                    if (end.approvals().isEmpty()) {
                        System.out.println(
                                "  the turn waits for an approval decided elsewhere; it goes on once it is decided");
                    }
                    end = waiter.next(timeoutSeconds);
                }
            }
        } finally {
            supervisor.removeListener(waiter);
        }
    }
}
