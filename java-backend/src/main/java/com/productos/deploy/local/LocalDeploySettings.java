package com.productos.deploy.local;

import com.productos.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The "local" part of the deploy section of .productos/config.yaml:
 * <pre>
 * deploy:
 *   backend: local
 *   local:
 *     keep_revisions: 5           # earlier revisions kept for rollback, besides the serving one
 *     drain_timeout_seconds: 10   # how long a revision that lost traffic may finish its requests
 *     stop_grace_seconds: 5       # SIGTERM, then SIGKILL after this
 *     services:
 *       web: {front_port: 8080}   # the stable port; otherwise a free port is chosen once and kept
 * </pre>
 */
public record LocalDeploySettings(
        int keepRevisions, Duration drainTimeout, Duration stopGrace, Map<String, Integer> frontPorts) {

    public static LocalDeploySettings defaults() {
        return new LocalDeploySettings(5, Duration.ofSeconds(10), Duration.ofSeconds(5), Map.of());
    }

    public static LocalDeploySettings fromConfig(JsonNode local) {
        int keep = positive(local, "keep_revisions", 5);
        Map<String, Integer> ports = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : local.path("services").properties()) {
            JsonNode port = entry.getValue().path("front_port");
            if (port.isMissingNode()) continue;
            if (!port.isIntegralNumber() || port.asInt() < 1 || port.asInt() > 65535) {
                throw new ConfigException("deploy.local.services." + entry.getKey()
                        + ".front_port in config.yaml must be a port number (1-65535)");
            }
            ports.put(entry.getKey(), port.asInt());
        }
        return new LocalDeploySettings(
                keep,
                Duration.ofSeconds(positive(local, "drain_timeout_seconds", 10)),
                Duration.ofSeconds(positive(local, "stop_grace_seconds", 5)),
                Map.copyOf(ports));
    }

    Optional<Integer> frontPort(String service) {
        return Optional.ofNullable(frontPorts.get(service));
    }

    private static int positive(JsonNode node, String field, int fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) return fallback;
        if (!value.isIntegralNumber() || value.asInt() < 1) {
            throw new ConfigException("deploy.local." + field + " in config.yaml must be a whole number of at least 1");
        }
        return value.asInt();
    }
}
