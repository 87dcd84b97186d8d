package com.productos.executors;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reading tool input fields, and the 400 answer for a field the schema cannot check. */
public final class InputFields {
    /** Cloud Run's rule for service names, which the local target follows too (it also keeps paths safe). */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,47}[a-z0-9])?");

    private InputFields() {}

    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    public static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? value.asInt() : null;
    }

    public static String requiredText(JsonNode node, String field) throws ExecutorFailure {
        String value = optionalText(node, field);
        if (value == null) throw invalid("/" + field, field + " is required and must be a non-empty string");
        return value;
    }

    public static String serviceName(JsonNode node, String field) throws ExecutorFailure {
        String name = requiredText(node, field);
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw invalid(
                    "/" + field,
                    "service name '" + name + "' must be 1-49 lowercase letters, digits or hyphens,"
                            + " start with a letter and not end with a hyphen (Cloud Run's rule)");
        }
        return name;
    }

    /** A 400 naming one failing field by JSON pointer (see {@link InputProblems}). */
    public static ExecutorFailure invalid(String pointer, String message) {
        return InputProblems.single(pointer, message);
    }
}
