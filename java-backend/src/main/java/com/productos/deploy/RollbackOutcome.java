package com.productos.deploy;

import com.productos.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** The cloudrun.rollback_service output: the revision now serving and the one it replaced. */
public record RollbackOutcome(String serviceUrl, String revision, String previousRevision) {
    public ObjectNode toJson() {
        ObjectNode out = Json.object().put("service_url", serviceUrl).put("revision", revision);
        if (previousRevision != null) out.put("previous_revision", previousRevision);
        return out;
    }
}
