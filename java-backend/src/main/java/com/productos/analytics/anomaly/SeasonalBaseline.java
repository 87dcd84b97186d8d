package com.productos.analytics.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A robust seasonal baseline: a point's expected value is the median of the same slot in up to
 * {@link #SEASONS} earlier seasons (the same weekday for daily points, the same hour for hourly
 * ones); its scale is 1.4826 times the median absolute deviation of the residuals of the points in
 * those seasons before it, which is the standard deviation for normal noise and is not moved by the
 * anomalies it is meant to find. A point is an anomaly when its residual exceeds {@code threshold}
 * scales. Points with no value (NaN), without {@link #MIN_SEASONS} earlier seasons, or without two seasons of residuals
 * before them, are not checked.
 */
public final class SeasonalBaseline {
    public static final int SEASONS = 8;
    public static final int MIN_SEASONS = 3;

    /** A checked point: its expected value, its band of {@code expected +- threshold * scale}, and its score in scales. */
    public record Check(int index, double value, double expected, double scale, double score) {}

    private SeasonalBaseline() {}

    /**
     * Checks every point it can.
     *
     * @param minimumScale the least scale to use, so that a constant series does not call every change an anomaly
     * @param counts whether the values are counts, whose scale is then at least their Poisson spread
     */
    public static List<Check> check(double[] values, int season, double minimumScale, boolean counts) {
        int n = values.length;
        int[] priors = new int[n];
        double[] expected = new double[n];
        boolean[] hasExpected = new boolean[n];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) continue;
            double[] prior = new double[SEASONS];
            int count = 0;
            for (int j = 1; j <= SEASONS && i - j * season >= 0; j++) {
                if (!Double.isNaN(values[i - j * season])) prior[count++] = values[i - j * season];
            }
            if (count < MIN_SEASONS) continue;
            expected[i] = median(prior, count);
            priors[i] = count;
            hasExpected[i] = true;
            residual[i] = values[i] - expected[i];
        }
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!hasExpected[i]) continue;
            double[] window = new double[SEASONS * season];
            int count = 0;
            for (int j = Math.max(0, i - SEASONS * season); j < i; j++)
                if (hasExpected[j]) window[count++] = residual[j];
            if (count < 2 * season) continue;
            double center = median(window, count);
            for (int j = 0; j < count; j++) window[j] = Math.abs(window[j] - center);
            double scale = Math.max(1.4826 * median(window, count), minimumScale);
            // A count varies at least as a Poisson count does, plus the spread of a median of k such counts
            // (pi/2 * variance / k); the residuals of a few weeks can understate that by chance.
            if (counts) scale = Math.max(scale, Math.sqrt(Math.max(expected[i], 1) * (1 + Math.PI / (2 * priors[i]))));
            checks.add(new Check(i, values[i], expected[i], scale, residual[i] / scale));
        }
        return checks;
    }

    static double median(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
