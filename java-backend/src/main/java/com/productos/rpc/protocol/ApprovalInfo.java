package com.productos.rpc.protocol;

import java.util.List;

/** A request for a person's yes, bound to one run's tool, input hash and actor. Times are ISO-8601 UTC. */
public record ApprovalInfo(
        String id,
        String runId,
        String tool,
        String inputHash,
        String actor,
        String status,
        List<String> reasons,
        String createdAt,
        String expiresAt,
        String decidedAt,
        String decidedBy,
        String note) {}
