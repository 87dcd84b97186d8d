package com.productos.deploy.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Service;
import com.productos.deploy.ServiceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudRunStatusTest {
    @ParameterizedTest(name = "{0}, reconciling={1}, generation {2}/{3} -> {4}")
    @CsvSource({
        "CONDITION_SUCCEEDED, false, 3, 3, ready",
        "CONDITION_SUCCEEDED, false, 4, 3, unknown",
        "CONDITION_SUCCEEDED, true, 4, 3, deploying",
        "CONDITION_RECONCILING, false, 4, 4, deploying",
        "CONDITION_PENDING, false, 1, 0, deploying",
        "CONDITION_FAILED, false, 2, 2, error",
        "CONDITION_FAILED, true, 2, 2, error",
        "STATE_UNSPECIFIED, false, 1, 1, unknown"
    })
    void statusShouldFollowTheTerminalConditionReconcilingAndGenerations(
            Condition.State state, boolean reconciling, long generation, long observed, ServiceStatus.State expected) {
        Service service = Service.newBuilder()
                .setTerminalCondition(Condition.newBuilder().setType("Ready").setState(state))
                .setReconciling(reconciling)
                .setGeneration(generation)
                .setObservedGeneration(observed)
                .build();

        assertEquals(expected, CloudRunStatus.of(service));
    }
}
