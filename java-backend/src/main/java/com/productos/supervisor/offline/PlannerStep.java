package com.productos.supervisor.offline;

import tools.jackson.databind.node.ObjectNode;

/** What the offline planner decided for one message: call a tool, or say something (a question or an answer). */
public sealed interface PlannerStep {
    /** Call {@code tool} (a registry name) with {@code input}; {@code preface} says what and why, for the person. */
    record Call(String tool, ObjectNode input, String preface) implements PlannerStep {}

    /** Words only: a clarifying question, a refusal, or what the planner can do. */
    record Say(String text) implements PlannerStep {}
}
