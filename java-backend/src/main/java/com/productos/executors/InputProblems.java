package com.productos.executors;

import com.productos.json.Json;
import com.productos.registry.FieldError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;

/**
 * The one builder of the 400 answer for tool input a handler refuses, shared by every family:
 * details list each failing field as {@code {"pointer", "message"}}, the message says what to fix.
 */
public final class InputProblems {
    private final List<FieldError> problems = new ArrayList<>();

    public InputProblems add(String pointer, String message) {
        problems.add(new FieldError(pointer, message));
        return this;
    }

    public InputProblems addAll(List<FieldError> errors) {
        problems.addAll(errors);
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() throws ExecutorFailure {
        if (!problems.isEmpty()) throw failure();
    }

    /** Throws, when any field failed, with {@code "<tool> input is invalid: ...; fix these fields and call again"}. */
    public void throwIfAny(String toolName) throws ExecutorFailure {
        if (problems.isEmpty()) return;
        throw failure(toolName + " input is invalid: " + summary() + ". Fix these fields and call again.");
    }

    /** The 400 with every field, summed up as {@code "pointer: message; ..."}. */
    public ExecutorFailure failure() {
        return failure(summary());
    }

    /** The 400 with every field and {@code message} as its text. */
    public ExecutorFailure failure(String message) {
        ArrayNode details = Json.array();
        for (FieldError problem : problems)
            details.addObject().put("pointer", problem.pointer()).put("message", problem.message());
        return ExecutorFailure.badRequest(message, details);
    }

    /** A 400 naming one failing field; {@code message} is the whole text. */
    public static ExecutorFailure single(String pointer, String message) {
        return new InputProblems().add(pointer, message).failure(message);
    }

    /** A 400 naming one failing field with a detail of its own and a longer text for people. */
    public static ExecutorFailure single(String pointer, String detail, String message) {
        return new InputProblems().add(pointer, detail).failure(message);
    }

    private String summary() {
        StringBuilder summary = new StringBuilder();
        for (FieldError problem : problems) {
            if (summary.length() > 0) summary.append("; ");
            summary.append(problem);
        }
        return summary.toString();
    }
}
