package com.productos.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The secret values this process holds (executor tokens, ID tokens, provider API keys, secret
 * environment variables), so that any text about to be stored or logged can have them cut out by
 * value, wherever they appear: a provider that echoes its key in free text or in a 5xx body, a build
 * that prints a token, an exception message. Process-wide on purpose: the log stream is one per
 * process and secrets are loaded in many places; each loader adds what it read.
 *
 * <p>Values shorter than {@link #MIN_CHARS} are not tracked: cutting every "true" or "admin" out of
 * every log line would garble them, and such values are not secrets worth the name.
 */
public final class KnownSecrets {
    public static final String REDACTED = "[redacted]";
    public static final int MIN_CHARS = 8;
    /** Variable names that hold secrets by convention (OPENAI_API_KEY, GITHUB_TOKEN, DB_PASSWORD, ...). */
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL).*");

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    /** Longest first, so a secret that contains another is cut whole; rebuilt when a value is added. */
    private static volatile List<String> ordered = List.of();

    private KnownSecrets() {}

    /** Remembers {@code value} as a secret (ignored when null or shorter than {@link #MIN_CHARS}). */
    public static void add(String value) {
        if (value == null) return;
        String trimmed = value.strip();
        if (trimmed.length() < MIN_CHARS || !VALUES.add(trimmed)) return;
        synchronized (KnownSecrets.class) {
            List<String> next = new ArrayList<>(VALUES);
            next.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(next);
        }
    }

    /** Remembers the values of the variables whose names say they hold secrets. */
    public static void addSecretVariables(Map<String, String> environment) {
        environment.forEach((name, value) -> {
            if (isSecretName(name)) add(value);
        });
    }

    public static boolean isSecretName(String variableName) {
        return variableName != null
                && SECRET_NAME.matcher(variableName.toUpperCase(Locale.ROOT)).matches();
    }

    /** {@code text} with every known secret replaced by {@link #REDACTED}; the same instance if none occurs. */
    public static String redact(String text) {
        if (text == null || text.length() < MIN_CHARS) return text;
        String cleaned = text;
        for (String secret : ordered) {
            if (cleaned.contains(secret)) cleaned = cleaned.replace(secret, REDACTED);
        }
        return cleaned;
    }

    public static boolean containsAny(String text) {
        if (text == null) return false;
        for (String secret : ordered) {
            if (text.contains(secret)) return true;
        }
        return false;
    }

    /**
     * {@code node} with every string value and field name that holds a known secret redacted: the same
     * node when none does (the common case costs one walk), else a redacted copy.
     */
    public static JsonNode redact(JsonNode node) {
        if (node == null || ordered.isEmpty() || !holdsAny(node)) return node;
        return redactCopy(node);
    }

    private static boolean holdsAny(JsonNode node) {
        if (node.isString()) return containsAny(node.asString());
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (containsAny(field.getKey()) || holdsAny(field.getValue())) return true;
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsAny(element)) return true;
            }
        }
        return false;
    }

    private static JsonNode redactCopy(JsonNode node) {
        if (node.isString()) return JsonNodeFactory.instance.stringNode(redact(node.asString()));
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.set(redact(field.getKey()), redactCopy(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) copy.add(redactCopy(element));
            return copy;
        }
        return node;
    }
}
