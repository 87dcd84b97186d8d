package com.productos.analytics.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssociationTestTest {
    @ParameterizedTest
    @CsvSource({
        // a, b, c, d, two-sided p (R: fisher.test(matrix(c(a, c, b, d), 2))$p.value)
        "3, 1, 1, 3, 0.4857142857",
        "1, 9, 11, 3, 0.0027594562",
        "0, 5, 5, 0, 0.0079365079",
        "5, 5, 5, 5, 1.0",
    })
    void fisherShouldMatchPublishedValues(long a, long b, long c, long d, double expected) {
        assertEquals(expected, AssociationTest.fisherTwoSided(a, b, c, d), 1e-8);
    }

    @ParameterizedTest
    @CsvSource({
        // statistic 100*(10*40-20*30)^2/(30*70*40*60) = 0.7937, p = 0.37300
        "10, 20, 30, 40, 0.37300",
        // statistic 3.8415 is the 95% point of chi-square(1)
        "0, 0, 5, 5, 1.0",
    })
    void chiSquareShouldMatchTheDistribution(long a, long b, long c, long d, double expected) {
        assertEquals(expected, AssociationTest.chiSquare(a, b, c, d), 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"120, 380, 900, 8600", "40, 60, 60, 40", "300, 200, 250, 250"})
    void chiSquareShouldAgreeWithFisherOnLargeTables(long a, long b, long c, long d) {
        double fisher = AssociationTest.fisherTwoSided(a, b, c, d);
        double chi = AssociationTest.chiSquare(a, b, c, d);
        assertEquals(fisher, chi, Math.max(0.01, fisher * 0.15), "fisher " + fisher + " chi " + chi);
    }
}
