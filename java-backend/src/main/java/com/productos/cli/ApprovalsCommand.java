package com.productos.cli;

import com.productos.daemon.BackendConnection;
import com.productos.policy.Policy;
import com.productos.runs.Approval;
import com.productos.runs.ApprovalStatus;
import com.productos.runs.Run;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code productos approvals list|approve|deny}: a person's yes or no. */
@Command(
        name = "approvals",
        description = "Calls that wait for a person.",
        subcommands = {ApprovalsCommand.ListApprovals.class, ApprovalsCommand.Approve.class, ApprovalsCommand.Deny.class
        })
final class ApprovalsCommand {
    @Command(name = "list", description = "List approvals (pending ones unless --all).")
    static final class ListApprovals extends BackendCommand {
        @Option(names = "--all", description = "Include decided and expired approvals.")
        boolean all;

        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        int run(BackendConnection backend, Output output) {
            List<Approval> approvals = backend.approvals(all ? null : ApprovalStatus.PENDING, limit);
            Policy policy = backend.policy();
            if (!policy.relaxedFloors().isEmpty()) {
                // On stderr under --json, so scripts still read a plain list.
                (output.json() ? System.err : System.out)
                        .println("policy floors relaxed by " + policy.relaxedBy() + ": "
                                + String.join(", ", policy.relaxedFloors())
                                + " (calls they would hold run without that approval)");
            }
            if (output.json()) {
                output.value(approvals);
            } else if (approvals.isEmpty()) {
                output.line(all ? "no approvals" : "no pending approvals");
            } else {
                approvals.forEach(output::approval);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", description = "Approve a pending call; it runs now, here, and its run is printed.")
    static final class Approve extends BackendCommand {
        @Parameters(paramLabel = "APPROVAL_ID")
        String approvalId;

        @Option(names = "--note")
        String note;

        @Option(names = "--timeout-seconds", defaultValue = "600")
        long timeoutSeconds;

        @Override
        int run(BackendConnection backend, Output output) throws Exception {
            Run released = backend.decide(approvalId, true, decider(), note);
            Run settled = backend.settle(released.id(), Duration.ofSeconds(timeoutSeconds));
            output.run(backend.get(settled.id()));
            return RunOutcome.exitCode(settled);
        }
    }

    @Command(name = "deny", description = "Deny a pending call; its run ends as denied.")
    static final class Deny extends BackendCommand {
        @Parameters(paramLabel = "APPROVAL_ID")
        String approvalId;

        @Option(names = "--note")
        String note;

        @Override
        int run(BackendConnection backend, Output output) {
            output.run(backend.decide(approvalId, false, decider(), note));
            return ExitCodes.OK;
        }
    }

    static String decider() {
        String name = System.getProperty("user.name");
        return "user:" + (name == null || name.isBlank() ? "unknown" : name);
    }
}
