package com.productos.policy;

import com.productos.registry.Risk;
import com.productos.registry.ToolDefinition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One rule of policy.yaml: when every condition in {@code when} holds, the decision becomes at least
 * {@code verdict}. Empty sets mean "any". A {@code floor} rule of the bundled policy holds whatever a
 * workspace's policy.yaml says (see {@link Policy#withFloorsOf}).
 */
public record PolicyRule(
        String name,
        String description,
        Pattern toolPattern,
        Set<String> environments,
        Set<Actor> actors,
        Set<Risk> risks,
        List<InputPredicate> inputPredicates,
        Verdict verdict,
        boolean floor) {

    public PolicyRule(
            String name,
            String description,
            Pattern toolPattern,
            Set<String> environments,
            Set<Actor> actors,
            Set<Risk> risks,
            List<InputPredicate> inputPredicates,
            Verdict verdict) {
        this(name, description, toolPattern, environments, actors, risks, inputPredicates, verdict, false);
    }

    public boolean matches(ToolDefinition tool, JsonNode input, Actor actor) {
        if (toolPattern != null && !toolPattern.matcher(tool.name()).matches()) return false;
        if (!actors.isEmpty() && !actors.contains(actor)) return false;
        if (!risks.isEmpty() && !risks.contains(tool.risk())) return false;
        if (!environments.isEmpty()) {
            JsonNode env = input.get("env");
            if (env == null || !env.isString() || !environments.contains(env.asString())) return false;
        }
        for (InputPredicate predicate : inputPredicates) {
            if (!predicate.matches(input)) return false;
        }
        return true;
    }

    /** Turns a glob such as "cloudrun.*" into a pattern; only '*' is special. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                if (literal.length() > 0) regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(".*");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString());
    }
}
