package com.productos.policy;

import com.productos.registry.Risk;
import com.productos.registry.ToolDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Decides allow, require_approval or deny for a call. The default comes from the tool's risk and the
 * actor; each matching rule can only raise it; high risk never goes below require_approval.
 */
public final class Policy {
    private final Map<Risk, Map<Actor, Verdict>> defaults;
    private final List<PolicyRule> rules;
    private final Duration approvalTtl;

    public Policy(Map<Risk, Map<Actor, Verdict>> defaults, List<PolicyRule> rules, Duration approvalTtl) {
        this.defaults = new EnumMap<>(defaults);
        this.rules = List.copyOf(rules);
        this.approvalTtl = approvalTtl;
    }

    public Duration approvalTtl() {
        return approvalTtl;
    }

    public List<PolicyRule> rules() {
        return rules;
    }

    public PolicyDecision evaluate(ToolDefinition tool, JsonNode input, Actor actor) {
        List<String> reasons = new ArrayList<>();
        Verdict verdict = defaults.get(tool.risk()).get(actor);
        reasons.add("default for " + tool.risk().wireName() + " risk and actor " + actor.wireName()
                + ": " + verdict.wireName());
        if (tool.risk() == Risk.HIGH && verdict == Verdict.ALLOW) {
            verdict = Verdict.REQUIRE_APPROVAL;
            reasons.add("high risk always needs a person's approval");
        }
        for (PolicyRule rule : rules) {
            if (rule.matches(tool, input, actor)) {
                Verdict raised = verdict.stricter(rule.verdict());
                reasons.add("rule " + rule.name() + ": " + rule.verdict().wireName());
                verdict = raised;
            }
        }
        return new PolicyDecision(verdict, reasons);
    }
}
