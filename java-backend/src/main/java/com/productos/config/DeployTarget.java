package com.productos.config;

import tools.jackson.databind.JsonNode;

/**
 * Where services run, from {@code deploy.backend} in .productos/config.yaml: read by deploy (to
 * deploy there) and by observability (to read logs from the same place), so it lives with the config.
 */
public final class DeployTarget {
    public static final String LOCAL = "local";
    public static final String CLOUD_RUN = "cloudrun";

    private DeployTarget() {}

    /** "local" or "cloudrun", from deploy.backend; anything else is a configuration error. */
    public static String kind(JsonNode deploySection) {
        JsonNode value = deploySection.path("backend");
        String kind = value.isString() ? value.asString() : LOCAL;
        if (!kind.equals(LOCAL) && !kind.equals(CLOUD_RUN)) {
            throw new ConfigException(
                    "deploy.backend in .productos/config.yaml is '" + kind + "'; use local or cloudrun");
        }
        return kind;
    }
}
