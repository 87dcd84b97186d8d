package com.productos.supervisor;

import com.productos.supervisor.session.PendingTurn;
import com.productos.supervisor.session.SessionRecord;
import java.util.Locale;

/** The turn's and the session's limits, checked before each model step and each tool call. */
final class TurnLimitCheck {
    private TurnLimitCheck() {}

    /** @throws LimitReachedException naming the limit and the setting that raises it */
    static void beforeModelStep(
            SupervisorLimits limits, PendingTurn pending, SessionRecord session, long remainingMillis) {
        if (pending.steps() >= limits.turnModelSteps()) {
            throw new LimitReachedException("the turn reached its limit of " + limits.turnModelSteps() + " model steps;"
                    + " send a follow-up to continue, or raise supervisor.limits.turn.model_steps");
        }
        if (pending.inputTokens() + pending.outputTokens() >= limits.turnTokens()) {
            throw new LimitReachedException("the turn reached its limit of " + limits.turnTokens() + " tokens;"
                    + " raise supervisor.limits.turn.tokens or ask for less");
        }
        if (pending.costUsd() >= limits.turnCostUsd()) {
            throw new LimitReachedException(String.format(
                    Locale.ROOT,
                    "the turn reached its estimated cost limit of"
                            + " $%.2f; raise supervisor.limits.turn.cost_usd to allow more",
                    limits.turnCostUsd()));
        }
        if (session.modelSteps() >= limits.sessionModelSteps()) {
            throw new LimitReachedException("this session reached its limit of " + limits.sessionModelSteps()
                    + " model steps; start a new session, or raise supervisor.limits.session.model_steps");
        }
        if (session.inputTokens() + session.outputTokens() >= limits.sessionTokens()) {
            throw new LimitReachedException("this session reached its limit of " + limits.sessionTokens()
                    + " tokens; start a new session, or raise supervisor.limits.session.tokens");
        }
        if (session.costUsd() >= limits.sessionCostUsd()) {
            throw new LimitReachedException(String.format(
                    Locale.ROOT,
                    "this session reached its estimated cost"
                            + " limit of $%.2f; start a new session, or raise supervisor.limits.session.cost_usd",
                    limits.sessionCostUsd()));
        }
        if (remainingMillis <= 0) {
            throw new LimitReachedException("the turn reached its wall-time limit of "
                    + limits.turnWallTime().toSeconds() + " s; raise supervisor.limits.turn.wall_seconds");
        }
    }

    /** @throws LimitReachedException naming the limit and the setting that raises it */
    static void beforeToolCall(SupervisorLimits limits, PendingTurn pending, SessionRecord session) {
        if (pending.toolCalls() >= limits.turnToolCalls()) {
            throw new LimitReachedException("the turn reached its limit of " + limits.turnToolCalls() + " tool calls;"
                    + " send a follow-up to continue, or raise supervisor.limits.turn.tool_calls");
        }
        if (session.toolCalls() >= limits.sessionToolCalls()) {
            throw new LimitReachedException("this session reached its limit of " + limits.sessionToolCalls()
                    + " tool calls; start a new session, or raise supervisor.limits.session.tool_calls");
        }
    }
}
