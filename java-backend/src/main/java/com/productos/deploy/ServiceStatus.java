package com.productos.deploy;

import com.productos.json.Json;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cloudrun.get_service_status output. lastDeployTime may be null; reason, when not null, says why
 * the status is not ready (the process is gone, the health check was refused, timed out or answered
 * with a non-2xx status, the last deploy failed).
 */
public record ServiceStatus(
        String serviceName,
        String region,
        String serviceUrl,
        String latestReadyRevision,
        State status,
        Instant lastDeployTime,
        String reason) {

    public enum State {
        ready,
        deploying,
        error,
        unknown
    }

    public ObjectNode toJson() {
        ObjectNode out = Json.object()
                .put("service_name", serviceName)
                .put("region", region)
                .put("service_url", serviceUrl == null ? "" : serviceUrl)
                .put("latest_ready_revision", latestReadyRevision == null ? "" : latestReadyRevision)
                .put("status", status.name());
        if (lastDeployTime != null) out.put("last_deploy_time", lastDeployTime.toString());
        if (reason != null) out.put("reason", reason);
        return out;
    }
}
