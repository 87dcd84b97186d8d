package com.productos.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable approvals; pending ones survive a restart. */
public interface ApprovalStore {
    void insert(Approval approval);

    Optional<Approval> get(String approvalId);

    List<Approval> list(ApprovalStatus statusOrNull, int limit);

    /**
     * Moves an approval from {@code expected} to {@code next} atomically. Returns the updated approval,
     * or empty when it was not in {@code expected} (someone else decided first, or it expired).
     */
    Optional<Approval> transition(
            String approvalId, ApprovalStatus expected, ApprovalStatus next, Instant at, String decidedBy, String note);
}
