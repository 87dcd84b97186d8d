package com.productos.supervisor;

import com.productos.config.ConfigException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * How far one turn, and one session in all, may go before the loop stops with a clear message:
 * model steps, tool calls, tokens, estimated dollars, and the wall time a turn may run (a pause
 * waiting for a person does not count).
 *
 * <pre>
 * supervisor:
 *   limits:
 *     turn:    { model_steps: 12, tool_calls: 20, tokens: 200000, cost_usd: 0.50, wall_seconds: 300 }
 *     session: { model_steps: 300, tool_calls: 300, tokens: 3000000, cost_usd: 5.00 }
 * </pre>
 */
public record SupervisorLimits(
        int turnModelSteps,
        int turnToolCalls,
        long turnTokens,
        double turnCostUsd,
        Duration turnWallTime,
        int sessionModelSteps,
        int sessionToolCalls,
        long sessionTokens,
        double sessionCostUsd) {

    public static SupervisorLimits defaults() {
        return from(null);
    }

    public static SupervisorLimits from(JsonNode section) {
        JsonNode turn = section == null ? null : section.path("turn");
        JsonNode session = section == null ? null : section.path("session");
        return new SupervisorLimits(
                (int) positive(turn, "model_steps", 12, "turn"),
                (int) positive(turn, "tool_calls", 20, "turn"),
                positive(turn, "tokens", 200_000, "turn"),
                dollars(turn, "cost_usd", 0.50, "turn"),
                Duration.ofSeconds(positive(turn, "wall_seconds", 300, "turn")),
                (int) positive(session, "model_steps", 300, "session"),
                (int) positive(session, "tool_calls", 300, "session"),
                positive(session, "tokens", 3_000_000, "session"),
                dollars(session, "cost_usd", 5.00, "session"));
    }

    private static long positive(JsonNode node, String field, long fallback, String where) {
        if (node == null || node.path(field).isMissingNode()) return fallback;
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw new ConfigException(
                    "supervisor.limits." + where + "." + field + " must be a whole number of at least 1, was " + value);
        }
        return value.asLong();
    }

    private static double dollars(JsonNode node, String field, double fallback, String where) {
        if (node == null || node.path(field).isMissingNode()) return fallback;
        JsonNode value = node.path(field);
        if (!value.isNumber() || value.asDouble() <= 0) {
            throw new ConfigException(
                    "supervisor.limits." + where + "." + field + " must be a positive number of dollars, was " + value);
        }
        return value.asDouble();
    }
}
