package com.productos.deploy;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputFields;
import tools.jackson.databind.JsonNode;

/** A cloudrun.rollback_service input: targetRevision is a revision name or {@link #PREVIOUS}. */
public record RollbackRequest(String serviceName, String region, String env, String targetRevision) {
    public static final String PREVIOUS = "previous";

    public static RollbackRequest fromInput(JsonNode input) throws ExecutorFailure {
        String target = InputFields.optionalText(input, "target_revision");
        return new RollbackRequest(
                InputFields.serviceName(input, "service_name"),
                InputFields.requiredText(input, "region"),
                InputFields.requiredText(input, "env"),
                target == null ? PREVIOUS : target);
    }

    public boolean toPrevious() {
        return PREVIOUS.equals(targetRevision);
    }
}
