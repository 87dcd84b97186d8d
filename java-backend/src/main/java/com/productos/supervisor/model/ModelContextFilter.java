package com.productos.supervisor.model;

import com.productos.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of a tool's output may enter a model's context: fields that hold credentials (or a provider's
 * raw response) are replaced, known secret values are blanked wherever they appear, and text longer
 * than the budget is cut with a note saying so, so the model knows it saw only part.
 */
public final class ModelContextFilter {
    public static final String REDACTED = "[redacted]";
    /** Field names that hold credentials: token, secret, password, api key, authorization, ... */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)(?:.*[_-])?(?:token|secret|password|passwd|api_?key|apikey|private_?key|key|authorization|credentials?)"
                    + "|provider_response|(?:access|refresh|bearer)token");
    /** Shorter values are too likely to occur by chance in ordinary text to be blanked. */
    private static final int MIN_SECRET_VALUE_CHARS = 8;

    private final List<String> secretValues;
    private final int maxChars;

    public ModelContextFilter(Collection<String> knownSecretValues, int maxChars) {
        if (maxChars < 200) throw new IllegalArgumentException("maxChars must be at least 200, was " + maxChars);
        List<String> values = new ArrayList<>();
        for (String value : knownSecretValues) {
            if (value != null && value.length() >= MIN_SECRET_VALUE_CHARS) values.add(value);
        }
        this.secretValues = List.copyOf(values);
        this.maxChars = maxChars;
    }

    /** The output as JSON text the model may read, at most {@code maxChars} plus the truncation note. */
    public String forModel(JsonNode output) {
        String text = Json.write(redact(output));
        if (text.length() <= maxChars) return text;
        return text.substring(0, maxChars) + "\n[truncated: " + maxChars + " of " + text.length()
                + " characters shown; ask for less, for example a smaller limit or a shorter range]";
    }

    /** A copy with secret fields and known secret values replaced. */
    public JsonNode redact(JsonNode node) {
        if (node == null) return Json.parse("null");
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                boolean secret = SECRET_FIELD.matcher(field.getKey()).matches()
                        && !field.getValue().isNull();
                copy.set(field.getKey(), secret ? Json.toTree(REDACTED) : redact(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.array();
            for (JsonNode item : node) copy.add(redact(item));
            return copy;
        }
        if (node.isString()) return Json.toTree(redactText(node.asString()));
        return node;
    }

    /** Text with every known secret value blanked. */
    public String redactText(String text) {
        String result = text;
        for (String secret : secretValues) result = result.replace(secret, REDACTED);
        return result;
    }
}
