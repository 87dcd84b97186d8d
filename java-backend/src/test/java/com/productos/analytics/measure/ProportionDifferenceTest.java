package com.productos.analytics.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProportionDifferenceTest {
    private static final double Z95 = Confidence.C95.z();

    /** The worked examples of Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10. */
    @Test
    void theIntervalShouldMatchNewcombesPublishedExamples() {
        assertInterval(ProportionDifference.of(56, 70, 48, 80, Z95), 0.0524, 0.3339);
        assertInterval(ProportionDifference.of(9, 10, 3, 10, Z95), 0.1705, 0.8090);
    }

    @Test
    void ratesAtTheEdgesShouldKeepTheIntervalWithinMinusOneAndOne() {
        ProportionDifference all = ProportionDifference.of(20, 20, 0, 20, Z95);
        assertEquals(1.0, all.difference());
        assertTrue(all.upper() <= 1.0 && all.lower() > 0.5, all.toString());
        ProportionDifference none = ProportionDifference.of(0, 20, 0, 20, Z95);
        assertTrue(none.lower() < 0 && none.upper() > 0, none.toString());
    }

    /** Binomial draws at campaign-like sizes: the 95% interval holds the true difference about 95% of the time. */
    @Test
    void the95PercentIntervalShouldCoverTheTrueDifferenceInAbout95PercentOfDraws() {
        SplittableRandom random = new SplittableRandom(11);
        int trials = 20_000;
        int covered = 0;
        double p1 = 0.22;
        double p0 = 0.15;
        for (int t = 0; t < trials; t++) {
            int n1 = 80 + random.nextInt(300);
            int n0 = 150 + random.nextInt(600);
            ProportionDifference d =
                    ProportionDifference.of(binomial(random, n1, p1), n1, binomial(random, n0, p0), n0, Z95);
            if (d.lower() <= p1 - p0 && p1 - p0 <= d.upper()) covered++;
        }
        double coverage = (double) covered / trials;
        // The standard error of a 95% coverage estimate over 20 000 draws is 0.15 points.
        assertTrue(coverage > 0.945 && coverage < 0.965, "coverage " + coverage);
    }

    private static int binomial(SplittableRandom random, int n, double p) {
        int x = 0;
        for (int i = 0; i < n; i++) if (random.nextDouble() < p) x++;
        return x;
    }

    private static void assertInterval(ProportionDifference d, double lower, double upper) {
        assertEquals(lower, d.lower(), 5e-5, d.toString());
        assertEquals(upper, d.upper(), 5e-5, d.toString());
    }
}
