package com.productos.marketing.inputs;

import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Collects what is wrong with an input, field by field, and turns it into one 400 with details. */
public final class InputProblems {
    private final List<String[]> problems = new ArrayList<>();

    public InputProblems add(String pointer, String message) {
        problems.add(new String[] {pointer, message});
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() throws ExecutorFailure {
        if (!problems.isEmpty()) throw failure();
    }

    public ExecutorFailure failure() {
        ArrayNode details = Json.array();
        StringBuilder summary = new StringBuilder();
        for (String[] problem : problems) {
            ObjectNode detail = details.addObject();
            detail.put("pointer", problem[0]);
            detail.put("message", problem[1]);
            if (summary.length() > 0) summary.append("; ");
            summary.append(problem[0]).append(": ").append(problem[1]);
        }
        return ExecutorFailure.badRequest(summary.toString(), details);
    }

    public static ExecutorFailure single(String pointer, String message) {
        return new InputProblems().add(pointer, message).failure();
    }
}
