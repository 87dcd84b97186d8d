package com.productos.runs;

import java.time.Instant;
import java.util.List;

/**
 * A request for a person's yes, bound to one run and to the exact tool, canonical input hash and actor
 * of that run: deciding it can never release a different call.
 */
public record Approval(
        String id,
        String runId,
        String tool,
        String inputHash,
        String actor,
        ApprovalStatus status,
        List<String> reasons,
        Instant createdAt,
        Instant expiresAt,
        Instant decidedAt,
        String decidedBy,
        String note) {

    public Approval {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public boolean isExpired(Instant now) {
        return status == ApprovalStatus.PENDING && !now.isBefore(expiresAt);
    }
}
