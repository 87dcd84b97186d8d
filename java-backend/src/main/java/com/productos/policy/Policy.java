package com.productos.policy;

import com.productos.registry.Risk;
import com.productos.registry.ToolDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Decides allow, require_approval or deny for a call. The default comes from the tool's risk and the
 * actor; each matching rule can only raise it; high risk never goes below require_approval.
 *
 * <p>The floors of the bundled policy (high risk, and every rule marked {@code floor: true}: production
 * deploys, publishing) hold whatever a workspace's policy.yaml says, because that file travels with a
 * cloned repository. Only a setting of the person (outside any workspace) can relax a floor rule; the
 * policy then names it in {@link #relaxedFloors()} and in the reasons of every call it would have held.
 */
public final class Policy {
    /** The name under which the high-risk floor is reported; it cannot be relaxed. */
    public static final String HIGH_RISK_FLOOR = "high-risk-needs-approval";

    private final Map<Risk, Map<Actor, Verdict>> defaults;
    private final List<PolicyRule> rules;
    private final Duration approvalTtl;
    private final Map<String, Risk> riskFloors;
    private final List<PolicyRule> relaxed;
    private final String relaxedBy;

    public Policy(Map<Risk, Map<Actor, Verdict>> defaults, List<PolicyRule> rules, Duration approvalTtl) {
        this(defaults, rules, approvalTtl, Map.of(), List.of(), null);
    }

    private Policy(
            Map<Risk, Map<Actor, Verdict>> defaults,
            List<PolicyRule> rules,
            Duration approvalTtl,
            Map<String, Risk> riskFloors,
            List<PolicyRule> relaxed,
            String relaxedBy) {
        this.defaults = new EnumMap<>(defaults);
        this.rules = List.copyOf(rules);
        this.approvalTtl = approvalTtl;
        this.riskFloors = Map.copyOf(riskFloors);
        this.relaxed = List.copyOf(relaxed);
        this.relaxedBy = relaxedBy;
    }

    /**
     * The policy in force: {@code workspace}'s defaults and rules (or the bundled ones when it is null)
     * with the bundled floor rules added, and every tool of the bundled registry at least as risky as
     * it is there.
     *
     * @param bundledRisks each bundled tool's risk, so a workspace registry cannot lower one
     * @param relax floor rule names the person relaxed in {@code relaxedBy} (their own settings file)
     * @throws PolicyException when {@code relax} names something that is not a bundled floor rule
     */
    public static Policy withFloorsOf(
            Policy bundled, Policy workspace, Map<String, Risk> bundledRisks, List<String> relax, String relaxedBy) {
        Set<String> floorNames = new HashSet<>();
        for (PolicyRule rule : bundled.rules) {
            if (rule.floor()) floorNames.add(rule.name());
        }
        for (String name : relax) {
            if (name.equals(HIGH_RISK_FLOOR)) {
                throw new PolicyException(
                        relaxedBy,
                        "policy.relax_floors",
                        "high risk always needs a person's approval; '" + HIGH_RISK_FLOOR + "' cannot be relaxed");
            }
            if (!floorNames.contains(name)) {
                throw new PolicyException(
                        relaxedBy,
                        "policy.relax_floors",
                        "'" + name + "' is not a floor of the bundled " + "policy; the floors are "
                                + floorNames.stream().sorted().toList());
            }
        }
        List<PolicyRule> rules = new ArrayList<>();
        List<PolicyRule> relaxedRules = new ArrayList<>();
        for (PolicyRule rule : bundled.rules) {
            if (!rule.floor()) continue;
            if (relax.contains(rule.name())) relaxedRules.add(rule);
            else rules.add(rule);
        }
        Policy base = workspace == null ? bundled : workspace;
        for (PolicyRule rule : base.rules) {
            boolean floorInForce = floorNames.contains(rule.name()) && !relax.contains(rule.name());
            boolean relaxedCopy = base == bundled && relax.contains(rule.name());
            if (!floorInForce && !relaxedCopy) rules.add(rule);
        }
        return new Policy(
                base.defaults,
                rules,
                base.approvalTtl,
                bundledRisks,
                relaxedRules,
                relaxedRules.isEmpty() ? null : relaxedBy);
    }

    public Duration approvalTtl() {
        return approvalTtl;
    }

    public List<PolicyRule> rules() {
        return rules;
    }

    /** Bundled floor rules the person relaxed (empty when every floor holds). */
    public List<String> relaxedFloors() {
        return relaxed.stream().map(PolicyRule::name).toList();
    }

    /** The settings file that relaxed them, or null. */
    public String relaxedBy() {
        return relaxedBy;
    }

    public PolicyDecision evaluate(ToolDefinition tool, JsonNode input, Actor actor) {
        List<String> reasons = new ArrayList<>();
        Risk risk = tool.risk();
        Risk floor = riskFloors.get(tool.name());
        if (floor != null && floor.ordinal() > risk.ordinal()) {
            reasons.add("risk " + floor.wireName() + " as the bundled registry rates " + tool.name()
                    + " (the workspace " + "registry says " + risk.wireName() + ")");
            risk = floor;
        }
        Verdict verdict = defaults.get(risk).get(actor);
        reasons.add(
                "default for " + risk.wireName() + " risk and actor " + actor.wireName() + ": " + verdict.wireName());
        if (risk == Risk.HIGH && verdict == Verdict.ALLOW) {
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
        for (PolicyRule rule : relaxed) {
            if (rule.matches(tool, input, actor)) {
                reasons.add("floor " + rule.name() + " (" + rule.verdict().wireName() + ") is relaxed by " + relaxedBy);
            }
        }
        return new PolicyDecision(verdict, reasons);
    }
}
