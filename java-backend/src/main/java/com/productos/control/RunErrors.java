package com.productos.control;

import com.productos.common.Futures;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Approval;
import com.productos.runs.RunError;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;

/**
 * Every error the control plane records on a run, worded once. Field errors are bounded in number
 * and length, so an error never repeats a large input back to the caller.
 */
final class RunErrors {
    private static final Logger LOG = LoggerFactory.getLogger(RunErrors.class);
    /** Field errors named in a message; the details carry up to {@link #MAX_DETAILS}. */
    private static final int MAX_SUMMARISED = 5;

    private static final int MAX_DETAILS = 100;
    /** A pointer or message longer than this is cut: a schema message may quote an input value. */
    static final int MAX_FIELD_TEXT_CHARS = 300;

    private RunErrors() {}

    static RunError invalidInput(ToolDefinition tool, List<FieldError> errors) {
        return RunError.of(
                ErrorCode.InvalidInput,
                "the input of " + tool.name() + " does not match its schema: " + summary(errors)
                        + "; see registry/listTools for the schema",
                fieldErrors(errors));
    }

    static RunError policyDenied(ToolDefinition tool, String actor, List<String> reasons) {
        return RunError.of(
                ErrorCode.PolicyDenied,
                "policy denies " + tool.name() + " for actor " + actor + " (" + String.join("; ", reasons)
                        + "); change the input or ask an owner to change registry/policy.yaml");
    }

    static RunError deniedBy(String decidedBy, String note) {
        return RunError.of(ErrorCode.PolicyDenied, "denied by " + decidedBy + (note == null ? "" : ": " + note));
    }

    static RunError approvalDoesNotBind() {
        return RunError.of(
                ErrorCode.InvalidRunState,
                "the approval does not match this run's tool, input and actor, so it cannot release it");
    }

    static RunError approvalExpired(Approval approval) {
        return RunError.of(
                ErrorCode.ApprovalExpired,
                "nobody decided approval " + approval.id() + " before it expired at " + approval.expiresAt());
    }

    static RunError cancelledOnRequest() {
        return RunError.of(ErrorCode.RequestCancelled, "cancelled on request");
    }

    static RunError stoppedInFlight(String tool) {
        return RunError.of(
                ErrorCode.InternalError,
                "the backend was stopped while " + tool
                        + " was in flight, so its outcome was not recorded; check the tool's target (runs/list, service "
                        + "status) and run it again with the same idempotency key if it did not happen");
    }

    static RunError outputBreaksSchema(ToolDefinition tool, List<FieldError> broken) {
        return RunError.of(
                ErrorCode.OutputContractViolation,
                "the " + tool.executor().executorName()
                        + " executor answered " + tool.name() + " with an output that breaks its schema: "
                        + summary(broken)
                        + "; the executor needs fixing",
                fieldErrors(broken));
    }

    static RunError recordingFailed(RuntimeException e) {
        return RunError.of(ErrorCode.InternalError, "the backend failed while recording the result: " + e.getMessage());
    }

    /** An executor call that failed: its own error when it reported one, else a logged internal error. */
    static RunError executorFailed(ToolDefinition tool, Throwable failure) {
        Throwable cause = Futures.unwrap(failure);
        if (cause instanceof ExecutorCallException call) {
            return RunError.of(call.code(), call.getMessage(), call.details());
        }
        LOG.error("executor call for {} failed unexpectedly", tool.name(), cause);
        return RunError.of(
                ErrorCode.InternalError,
                "the call to the " + tool.executor().executorName() + " executor failed: "
                        + cause.getClass().getSimpleName() + "; see the backend log");
    }

    static String summary(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(errors.size(), MAX_SUMMARISED); i++) {
            if (i > 0) text.append("; ");
            FieldError error = errors.get(i);
            text.append(error.pointer().isEmpty() ? "(root)" : bounded(error.pointer()))
                    .append(": ")
                    .append(bounded(error.message()));
        }
        if (errors.size() > MAX_SUMMARISED)
            text.append("; and ").append(errors.size() - MAX_SUMMARISED).append(" more");
        return text.toString();
    }

    /** {pointer, message} for each error, at most {@link #MAX_DETAILS}, each text bounded. */
    static ArrayNode fieldErrors(List<FieldError> errors) {
        ArrayNode array = Json.array();
        for (FieldError error : errors.subList(0, Math.min(errors.size(), MAX_DETAILS))) {
            array.add(Json.object().put("pointer", bounded(error.pointer())).put("message", bounded(error.message())));
        }
        return array;
    }

    private static String bounded(String text) {
        if (text == null || text.length() <= MAX_FIELD_TEXT_CHARS) return text;
        int cut = Character.isLowSurrogate(text.charAt(MAX_FIELD_TEXT_CHARS))
                ? MAX_FIELD_TEXT_CHARS - 1
                : MAX_FIELD_TEXT_CHARS;
        return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters)";
    }
}
