package com.productos.supervisor;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * One supervisor/event notification: the common fields and the whole event as JSON, in the shape
 * registry/supervisor-protocol.json gives for its type.
 */
public record SupervisorEvent(String sessionId, String turnId, long seq, String type, Instant at, ObjectNode json) {
    public static final String ASSISTANT_TEXT = "assistant_text";
    public static final String TOOL_CALL_PROPOSED = "tool_call_proposed";
    public static final String RUN_STARTED = "run_started";
    public static final String RUN_UPDATED = "run_updated";
    public static final String APPROVAL_NEEDED = "approval_needed";
    public static final String TURN_FINISHED = "turn_finished";
    public static final String ERROR = "error";
}
