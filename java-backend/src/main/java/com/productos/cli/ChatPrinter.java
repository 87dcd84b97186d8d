package com.productos.cli;

import com.productos.json.Json;
import com.productos.supervisor.SupervisorEvent;
import java.io.PrintStream;
import tools.jackson.databind.JsonNode;

/** A supervisor event as a person reads it in a terminal, or as one JSON line for scripts. */
final class ChatPrinter {
    private final PrintStream out;
    private final boolean json;

    ChatPrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    synchronized void print(SupervisorEvent event) {
        JsonNode e = event.json();
        if (json) {
            out.println(Json.write(e));
            out.flush();
            return;
        }
        switch (event.type()) {
            case SupervisorEvent.ASSISTANT_TEXT -> out.println(e.path("text").asString());
            case SupervisorEvent.TOOL_CALL_PROPOSED ->
                out.println("  -> " + e.path("tool").asString() + " " + Json.write(e.path("input")));
            case SupervisorEvent.RUN_STARTED ->
                out.println("     run " + e.path("runId").asString());
            case SupervisorEvent.RUN_UPDATED -> {
                String status = e.path("status").asString();
                if (!status.equals("queued") && !status.equals("running") && !status.equals("awaiting_approval")) {
                    out.println("     " + e.path("tool").asString() + " " + status
                            + (e.path("error").isObject()
                                    ? ": " + e.path("error").path("message").asString()
                                    : ""));
                }
            }
            case SupervisorEvent.APPROVAL_NEEDED ->
                out.println("  !! " + e.path("tool").asString() + " waits for approval "
                        + e.path("approvalId").asString() + " ("
                        + e.path("reason").asString() + ")");
            case SupervisorEvent.ERROR ->
                out.println("  error: " + e.path("message").asString());
            case SupervisorEvent.TURN_FINISHED -> {
                JsonNode usage = e.path("usage");
                if (usage.path("inputTokens").asLong()
                                + usage.path("outputTokens").asLong()
                        > 0) {
                    out.println(String.format(
                            java.util.Locale.ROOT,
                            "  (%d in / %d out tokens, about $%.4f)",
                            usage.path("inputTokens").asLong(),
                            usage.path("outputTokens").asLong(),
                            usage.path("costUsd").asDouble()));
                }
            }
            default -> out.println(Json.write(e));
        }
        out.flush();
    }
}
