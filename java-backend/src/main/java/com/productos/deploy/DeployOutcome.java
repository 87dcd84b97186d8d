package com.productos.deploy;

import com.productos.json.Json;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What a deploy produced: the cloudrun.deploy_service output. buildId may be null. */
public record DeployOutcome(String serviceUrl, String revision, String buildId, List<String> warnings) {
    public ObjectNode toJson() {
        ObjectNode out = Json.object().put("service_url", serviceUrl).put("revision", revision);
        if (buildId != null) out.put("build_id", buildId);
        if (!warnings.isEmpty()) warnings.forEach(out.putArray("warnings")::add);
        return out;
    }
}
