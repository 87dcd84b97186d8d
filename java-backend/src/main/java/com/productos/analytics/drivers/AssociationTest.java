package com.productos.analytics.drivers;

/**
 * Tests of association on a 2x2 table [[a, b], [c, d]] (rows: has the feature or not; columns:
 * converted or not). Fisher's exact test where it is affordable, Pearson's chi-square (1 degree of
 * freedom) on large tables, where the two agree closely and the exact sum would cost too much.
 */
public final class AssociationTest {
    /** Tables with more users than this use chi-square instead of Fisher's exact test. */
    public static final long EXACT_LIMIT = 50_000;

    private AssociationTest() {}

    /** Two-sided p-value of independence. */
    public static double pValue(long a, long b, long c, long d) {
        return a + b + c + d <= EXACT_LIMIT ? fisherTwoSided(a, b, c, d) : chiSquare(a, b, c, d);
    }

    /** Fisher's exact test, two-sided: the probability of tables at most as likely as this one. */
    public static double fisherTwoSided(long a, long b, long c, long d) {
        long rowWith = a + b;
        long rowWithout = c + d;
        long colConverted = a + c;
        long n = rowWith + rowWithout;
        long low = Math.max(0, colConverted - rowWithout);
        long high = Math.min(rowWith, colConverted);
        double base = logChoose(n, colConverted);
        double observed = logChoose(rowWith, a) + logChoose(rowWithout, colConverted - a) - base;
        double p = 0;
        for (long x = low; x <= high; x++) {
            double log = logChoose(rowWith, x) + logChoose(rowWithout, colConverted - x) - base;
            if (log <= observed + 1e-7) p += Math.exp(log);
        }
        return Math.min(1.0, p);
    }

    /** Pearson's chi-square test with 1 degree of freedom; 1.0 when a margin is empty. */
    public static double chiSquare(long a, long b, long c, long d) {
        double n = (double) a + b + c + d;
        double r1 = a + b;
        double r2 = c + d;
        double c1 = a + c;
        double c2 = b + d;
        if (r1 == 0 || r2 == 0 || c1 == 0 || c2 == 0) return 1.0;
        double diff = (double) a * d - (double) b * c;
        double statistic = n * diff / r1 * diff / r2 / c1 / c2;
        return erfc(Math.sqrt(statistic / 2));
    }

    static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    static double logFactorial(long n) {
        return logGamma(n + 1.0);
    }

    /** Lanczos approximation (g = 7, 9 terms), accurate to about 15 digits for positive x. */
    static double logGamma(double x) {
        double[] coefficients = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        x -= 1;
        double sum = coefficients[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) sum += coefficients[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** Complementary error function (Chebyshev fit, fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
