package com.productos.deploy.cloud;

import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Service;
import com.productos.deploy.ServiceStatus;

/** Maps a Cloud Run service's terminalCondition, reconciling flag and generations to a status. */
final class CloudRunStatus {
    private CloudRunStatus() {}

    static ServiceStatus.State of(Service service) {
        Condition.State state = service.getTerminalCondition().getState();
        if (state == Condition.State.CONDITION_FAILED) return ServiceStatus.State.error;
        if (service.getReconciling()
                || state == Condition.State.CONDITION_PENDING
                || state == Condition.State.CONDITION_RECONCILING) {
            return ServiceStatus.State.deploying;
        }
        if (state == Condition.State.CONDITION_SUCCEEDED
                && service.getObservedGeneration() == service.getGeneration()) {
            return ServiceStatus.State.ready;
        }
        return ServiceStatus.State.unknown;
    }
}
