package com.productos.supervisor.offline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each utterance of the suite maps to the tool call and slots it must produce, or to the question or refusal it must give. */
class OfflinePlannerScenarioTest {
    static Stream<PlannerScenarios.Scenario> suite() {
        return PlannerScenarios.SUITE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void theUtteranceShouldBePlannedAsTheScenarioSays(PlannerScenarios.Scenario scenario) {
        assertNull(PlannerScenarios.check(scenario));
    }

    @Test
    void theSuiteShouldHoldAtLeastFortyUtterancesWithQuestionsAndRefusals() {
        assertTrue(PlannerScenarios.SUITE.size() >= 40);
        assertTrue(PlannerScenarios.SUITE.stream()
                        .filter(s -> s.expected().startsWith("ask:"))
                        .count()
                >= 8);
        assertTrue(PlannerScenarios.SUITE.stream()
                        .filter(s -> s.expected().startsWith("say:"))
                        .count()
                >= 3);
    }
}
