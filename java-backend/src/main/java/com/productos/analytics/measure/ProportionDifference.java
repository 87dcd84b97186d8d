package com.productos.analytics.measure;

/**
 * The difference of two conversion rates {@code x1/n1 - x0/n0} with Newcombe's hybrid score interval
 * (method 10 of Newcombe 1998): each rate gets its Wilson score interval and the two are combined.
 * Unlike the textbook Wald interval it stays inside [-1, 1], behaves at rates near 0 or 1 and keeps
 * close to its nominal coverage on the small samples a young campaign brings.
 */
public record ProportionDifference(double rate1, double rate0, double difference, double lower, double upper) {
    /** The interval at the confidence a two-sided normal quantile {@code z} gives (1.96 for 95%). */
    public static ProportionDifference of(long x1, long n1, long x0, long n0, double z) {
        if (n1 <= 0 || n0 <= 0) throw new IllegalArgumentException("both groups need at least one user");
        double p1 = (double) x1 / n1;
        double p0 = (double) x0 / n0;
        double[] w1 = wilson(x1, n1, z);
        double[] w0 = wilson(x0, n0, z);
        double d = p1 - p0;
        double lower = d - Math.sqrt(square(p1 - w1[0]) + square(w0[1] - p0));
        double upper = d + Math.sqrt(square(w1[1] - p1) + square(p0 - w0[0]));
        return new ProportionDifference(p1, p0, d, Math.max(-1, lower), Math.min(1, upper));
    }

    /** Wilson's score interval {lower, upper} for x successes out of n. */
    static double[] wilson(long x, long n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double square(double value) {
        return value * value;
    }
}
