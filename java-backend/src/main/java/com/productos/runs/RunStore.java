package com.productos.runs;

import java.util.List;
import java.util.Optional;

/**
 * Durable run records. The embedded implementation is SQLite; a Firestore one can follow behind the
 * same contract. Every write is atomic: a run is either stored whole or not at all.
 */
public interface RunStore {
    void insert(Run run, String ownerId);

    /** Replaces the stored run of the same id; returns false when no such run exists. */
    boolean update(Run run);

    Optional<Run> get(String runId);

    /** The run with its log lines. */
    Optional<Run> getWithLogs(String runId);

    RunPage list(RunQuery query);

    RunLogLine appendLog(String runId, String severity, String text);

    List<RunLogLine> logs(String runId, long afterSequence, int limit);

    /** The latest run recorded for this tool and idempotency key, if any. */
    Optional<Run> findByIdempotencyKey(String tool, String idempotencyKey);

    /**
     * Marks runs left queued or running by owners that are no longer alive as interrupted. Returns how
     * many were marked.
     */
    int interruptOrphans(java.util.function.Predicate<String> ownerAlive);
}
