package com.productos.deploy.local;

import com.productos.deploy.RollbackRequest;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputFields;
import java.util.List;

/** Which kept revision a rollback sends traffic to, or why none can take it. */
final class RollbackTarget {
    private RollbackTarget() {}

    static RevisionRecord of(ServiceState state, RollbackRequest request) throws ExecutorFailure {
        if (request.toPrevious()) {
            return state.previousReady()
                    .orElseThrow(() -> ExecutorFailure.conflict("service " + state.service()
                            + " has no earlier revision that became ready (serving: " + state.serving()
                            + "); nothing to roll back to. Kept revisions: " + keptRevisions(state)));
        }
        RevisionRecord target = state.revision(request.targetRevision()).orElseThrow(() -> {
            ExecutorFailure failure = InputFields.invalid(
                    "/target_revision",
                    "revision '" + request.targetRevision() + "' of " + state.service()
                            + " is not kept; kept revisions: " + keptRevisions(state));
            return failure;
        });
        if (target.status() != RevisionRecord.Status.READY) {
            throw InputFields.invalid(
                    "/target_revision",
                    "revision " + target.name() + " never became healthy (" + target.status()
                            + "); roll back to one of: " + keptRevisions(state));
        }
        return target;
    }

    private static String keptRevisions(ServiceState state) {
        List<String> names = state.revisionsNewestFirst().stream()
                .filter(r -> r.status() == RevisionRecord.Status.READY)
                .map(RevisionRecord::name)
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
