package com.productos.cli;

import com.productos.json.Json;
import com.productos.runs.Approval;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import java.io.PrintStream;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Prints runs and approvals for people, or as JSON for scripts. */
final class Output {
    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void value(Object value) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.toTree(value)));
    }

    void line(String text) {
        out.println(text);
    }

    void run(Run run) {
        if (json) {
            value(run);
            return;
        }
        out.println(run.id() + "  " + run.tool() + "  " + run.status().wireName() + "  actor=" + run.actor()
                + elapsed(run));
        if (run.approvalId() != null && run.status().name().equals("AWAITING_APPROVAL")) {
            out.println("approval: " + run.approvalId() + "  (productos approvals approve " + run.approvalId() + ")");
        }
        if (run.error() != null) {
            out.println("error " + run.error().code() + " (" + run.error().numericCode() + "): "
                    + run.error().message());
            if (run.error().details() != null) out.println(pretty(run.error().details()));
        }
        if (run.output() != null) out.println(pretty(run.output()));
        for (RunLogLine line : run.logs()) {
            out.println("  " + line.timestamp() + " " + line.severity() + " " + line.text());
        }
    }

    void runSummary(Run run) {
        out.println(String.format(
                "%-28s %-32s %-18s %-10s %s",
                run.id(), run.tool(), run.status().wireName(), run.actor(), run.createdAt()));
    }

    void approval(Approval approval) {
        out.println(String.format(
                "%-28s %-32s %-9s %-10s run=%s expires=%s",
                approval.id(),
                approval.tool(),
                approval.status().wireName(),
                approval.actor(),
                approval.runId(),
                approval.expiresAt()));
        for (String reason : approval.reasons()) out.println("    " + reason);
    }

    private static String elapsed(Run run) {
        if (run.startedAt() == null || run.finishedAt() == null) return "";
        return "  " + Duration.between(run.startedAt(), run.finishedAt()).toMillis() + " ms";
    }

    private static String pretty(JsonNode node) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
