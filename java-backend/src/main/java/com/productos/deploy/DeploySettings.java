package com.productos.deploy;

import com.productos.executors.InputFields;
import tools.jackson.databind.JsonNode;

/** The optional runtime settings of a deploy (the input's "deploy" object); null means "not set". */
public record DeploySettings(
        String cpu,
        String memory,
        Integer minInstances,
        Integer maxInstances,
        Integer concurrency,
        Integer timeoutSeconds,
        String serviceAccountEmail,
        boolean allowUnauthenticated) {

    static DeploySettings fromJson(JsonNode node) {
        return new DeploySettings(
                InputFields.optionalText(node, "cpu"),
                InputFields.optionalText(node, "memory"),
                InputFields.optionalInt(node, "min_instances"),
                InputFields.optionalInt(node, "max_instances"),
                InputFields.optionalInt(node, "concurrency"),
                InputFields.optionalInt(node, "timeout_seconds"),
                InputFields.optionalText(node, "service_account_email"),
                node.path("allow_unauthenticated").asBoolean(false));
    }
}
