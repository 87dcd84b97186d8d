package com.productos.policy;

import com.productos.registry.Risk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads policy.yaml and refuses anything it cannot enforce exactly as written. */
public final class PolicyLoader {
    public static final String BUNDLED_RESOURCE = "/registry/policy.yaml";
    private static final Set<String> WHEN_KEYS = Set.of("tool", "env", "actor", "risk", "input");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public Policy loadBundled() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) throw new PolicyException(BUNDLED_RESOURCE, null, "not found on the class path");
            return parse(BUNDLED_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyException(BUNDLED_RESOURCE, null, "cannot be read: " + e.getMessage());
        }
    }

    public Policy load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new PolicyException(file.toString(), null, "cannot be read: " + e.getMessage());
        }
    }

    public Policy parse(String file, String yamlText) {
        JsonNode root;
        try {
            root = YAML.readTree(yamlText);
        } catch (JacksonException e) {
            throw new PolicyException(
                    file,
                    null,
                    "not valid YAML: " + e.getOriginalMessage()
                            + (e.getLocation() != null
                                    ? " (line " + e.getLocation().getLineNr() + ")"
                                    : ""));
        }
        if (root == null || !root.isObject() || root.path("version").intValue() != 1) {
            throw new PolicyException(file, "version", "the file must be a mapping with version: 1");
        }
        double ttlHours = root.path("approvals").path("ttl_hours").asDouble(24);
        if (!(ttlHours > 0) || ttlHours > 24 * 30) {
            throw new PolicyException(file, "approvals.ttl_hours", "must be more than 0 and at most 720");
        }
        Map<Risk, Map<Actor, Verdict>> defaults = readDefaults(file, root.path("defaults"));
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode rulesNode = root.path("rules");
        for (int i = 0; i < rulesNode.size(); i++) {
            PolicyRule rule = readRule(file, i, rulesNode.get(i));
            if (!names.add(rule.name())) {
                throw new PolicyException(file, "rule '" + rule.name() + "'", "the name is used twice");
            }
            rules.add(rule);
        }
        return new Policy(defaults, rules, Duration.ofSeconds(Math.round(ttlHours * 3600)));
    }

    private static Map<Risk, Map<Actor, Verdict>> readDefaults(String file, JsonNode node) {
        Map<Risk, Map<Actor, Verdict>> defaults = new EnumMap<>(Risk.class);
        for (Risk risk : Risk.values()) {
            Map<Actor, Verdict> byActor = new EnumMap<>(Actor.class);
            JsonNode riskNode = node.path(risk.wireName());
            for (Actor actor : Actor.values()) {
                String where = "defaults." + risk.wireName() + "." + actor.wireName();
                String text = riskNode.isString()
                        ? riskNode.asString()
                        : riskNode.path(actor.wireName()).asString("");
                if (text.isEmpty())
                    throw new PolicyException(file, where, "missing; give allow, require_approval or deny");
                byActor.put(
                        actor,
                        Verdict.parse(text)
                                .orElseThrow(() -> new PolicyException(
                                        file,
                                        where,
                                        "'" + text + "' is not a decision; use allow, require_approval or deny")));
            }
            defaults.put(risk, byActor);
        }
        return defaults;
    }

    private static PolicyRule readRule(String file, int index, JsonNode node) {
        String name = node.path("name").asString("");
        String where = name.isEmpty() ? "rules[" + index + "]" : "rule '" + name + "'";
        if (name.isEmpty()) throw new PolicyException(file, where, "every rule needs a name");
        String verdictText = node.path("decision").asString("");
        Verdict verdict = Verdict.parse(verdictText)
                .orElseThrow(() -> new PolicyException(
                        file,
                        where + " decision",
                        "'" + verdictText + "' is not a decision; use require_approval or deny"));
        if (verdict == Verdict.ALLOW) {
            throw new PolicyException(
                    file,
                    where + " decision",
                    "a rule can only make a call stricter, so 'allow' would do nothing; change the defaults instead");
        }
        JsonNode when = node.path("when");
        if (!when.isObject() || when.isEmpty()) {
            throw new PolicyException(file, where + " when", "missing; a rule must say when it applies");
        }
        for (String key : when.propertyNames()) {
            if (!WHEN_KEYS.contains(key)) {
                throw new PolicyException(file, where + " when." + key, "unknown condition; use one of " + WHEN_KEYS);
            }
        }
        Pattern tool = when.has("tool") ? PolicyRule.glob(when.get("tool").asString()) : null;
        Set<String> envs = new HashSet<>(strings(when.path("env")));
        Set<Actor> actors = EnumSet.noneOf(Actor.class);
        for (String text : strings(when.path("actor"))) {
            actors.add(Actor.parse(text)
                    .orElseThrow(() -> new PolicyException(
                            file,
                            where + " when.actor",
                            "'" + text + "' is not an actor; use user, supervisor or mcp")));
        }
        Set<Risk> risks = EnumSet.noneOf(Risk.class);
        for (String text : strings(when.path("risk"))) {
            risks.add(Risk.parse(text)
                    .orElseThrow(() -> new PolicyException(
                            file, where + " when.risk", "'" + text + "' is not a risk; use low, medium or high")));
        }
        List<InputPredicate> predicates = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : when.path("input").properties()) {
            predicates.add(readPredicate(file, where, field.getKey(), field.getValue()));
        }
        JsonNode floor = node.path("floor");
        if (!floor.isMissingNode() && !floor.isBoolean()) {
            throw new PolicyException(file, where + " floor", "must be true or false");
        }
        return new PolicyRule(
                name,
                node.path("description").asString(""),
                tool,
                envs,
                actors,
                risks,
                predicates,
                verdict,
                floor.asBoolean(false));
    }

    private static InputPredicate readPredicate(String file, String where, String path, JsonNode spec) {
        if (!spec.isObject()) return new InputPredicate(path, spec, List.of(), null);
        if (spec.has("in") && spec.get("in").isArray()) {
            List<JsonNode> values = new ArrayList<>();
            spec.get("in").forEach(values::add);
            return new InputPredicate(path, null, values, null);
        }
        if (spec.has("exists") && spec.get("exists").isBoolean()) {
            return new InputPredicate(path, null, List.of(), spec.get("exists").booleanValue());
        }
        if (spec.has("equals")) return new InputPredicate(path, spec.get("equals"), List.of(), null);
        throw new PolicyException(
                file,
                where + " when.input." + path,
                "use a value, {equals: V}, {in: [V, ...]} or {exists: true|false}");
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isString()) values.add(node.asString());
        if (node.isArray()) node.forEach(value -> values.add(value.asString()));
        return values;
    }
}
