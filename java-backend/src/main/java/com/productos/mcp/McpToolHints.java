package com.productos.mcp;

import com.productos.json.Json;
import com.productos.policy.Actor;
import com.productos.policy.Policy;
import com.productos.policy.PolicyDecision;
import com.productos.policy.Verdict;
import com.productos.registry.Risk;
import com.productos.registry.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The MCP tool annotations of a registry tool, derived from its risk and what the policy decides for
 * the {@code mcp} actor. Hints only: the control plane's policy is what holds a call, whatever a client
 * does with them.
 */
final class McpToolHints {
    /** Verbs of read-only actions ("get_profile", "list_drafts", "tail", "funnel_summary", "top_drivers"). */
    private static final Set<String> READ_VERBS = Set.of("get", "list", "tail", "funnel", "top");
    /** Modules whose executors reach services outside this machine in their cloud backends. */
    private static final Set<String> OPEN_WORLD_MODULES = Set.of("cloudrun", "logs");

    private McpToolHints() {}

    static ToolAnnotations annotations(ToolDefinition tool) {
        boolean readOnly = isReadOnly(tool);
        // A medium or high risk tool replaces or publishes something a person cares about (a revision,
        // a profile, a post), so clients should treat it as destructive; reads are trivially repeatable.
        Boolean destructive = readOnly ? null : tool.risk() != Risk.LOW;
        boolean openWorld =
                OPEN_WORLD_MODULES.contains(tool.module()) || action(tool).startsWith("publish");
        return new ToolAnnotations(null, readOnly, destructive, readOnly, openWorld, null);
    }

    /** Product OS's own facts next to the hints: risk, and the policy's default decision for MCP calls. */
    static Map<String, Object> meta(ToolDefinition tool, Policy policy) {
        PolicyDecision decision = policy.evaluate(tool, Json.object(), Actor.MCP);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("productos/risk", tool.risk().wireName());
        meta.put(
                "productos/policy",
                switch (decision.verdict()) {
                    case ALLOW -> "allow";
                    case REQUIRE_APPROVAL -> "require_approval";
                    case DENY -> "deny";
                });
        if (decision.verdict() == Verdict.REQUIRE_APPROVAL) {
            meta.put(
                    "productos/approval",
                    "a call returns an approval id; a person approves it with `productos approvals approve ID`");
        }
        return meta;
    }

    static boolean isReadOnly(ToolDefinition tool) {
        if (tool.risk() != Risk.LOW) return false;
        String action = action(tool);
        int underscore = action.indexOf('_');
        return READ_VERBS.contains(underscore < 0 ? action : action.substring(0, underscore));
    }

    private static String action(ToolDefinition tool) {
        return tool.name().substring(tool.name().indexOf('.') + 1);
    }
}
