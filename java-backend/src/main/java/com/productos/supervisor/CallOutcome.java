package com.productos.supervisor;

import com.productos.control.ErrorCode;
import com.productos.control.ToolCallException;
import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.supervisor.model.ModelContextFilter;
import tools.jackson.databind.JsonNode;

/**
 * What a call came to, in two words: the tool result the model is given ({@code content}, an error
 * or not) and the line the session's history shows a person ({@code message}).
 */
record CallOutcome(String content, boolean isError, String message) {

    /** A settled run: its output for the model when it succeeded, else how it ended. */
    static CallOutcome of(Run run, String tool, ModelContextFilter filter) {
        return switch (run.status()) {
            case SUCCEEDED -> new CallOutcome(filter.forModel(run.output()), false, tool + " succeeded");
            case DENIED -> {
                String why = run.error() == null ? "denied" : run.error().message();
                yield new CallOutcome(
                        "This call was denied and did not run: " + why + ". Accept the decision: do not try this call"
                                + " again in any form; tell the person what was not done.",
                        true,
                        tool + " denied: " + why);
            }
            default -> {
                String why = run.error() == null
                        ? run.status().wireName()
                        : filter.redactText(run.error().message());
                yield new CallOutcome(
                        "The call ended as " + run.status().wireName() + ": " + why,
                        true,
                        tool + " " + run.status().wireName() + ": " + why);
            }
        };
    }

    /** A call the control plane refused to start (bad input, unknown tool, idempotency conflict). */
    static CallOutcome refused(ToolCallException refused, String tool) {
        JsonNode data = refused.data();
        StringBuilder text = new StringBuilder(refused.getMessage());
        if (data != null && data.path("errors").isArray())
            text.append("\nfailing fields: ").append(Json.write(data.path("errors")));
        if (refused.code() == ErrorCode.InvalidInput) text.append("\nFix the arguments and call the function again.");
        return new CallOutcome(text.toString(), true, tool + " refused: " + refused.getMessage());
    }
}
