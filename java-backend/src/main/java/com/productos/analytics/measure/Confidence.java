package com.productos.analytics.measure;

/** The confidence levels a measurement may ask for, with their two-sided normal quantiles. */
public enum Confidence {
    C80(0.80, 1.2815515655446004),
    C90(0.90, 1.6448536269514722),
    C95(0.95, 1.959963984540054),
    C99(0.99, 2.5758293035489004);

    private final double level;
    private final double z;

    Confidence(double level, double z) {
        this.level = level;
        this.z = z;
    }

    public double level() {
        return level;
    }

    public double z() {
        return z;
    }

    /** The level equal to {@code value}, or null when it is not one of the four. */
    public static Confidence of(double value) {
        for (Confidence confidence : values()) {
            if (Math.abs(confidence.level - value) < 1e-9) return confidence;
        }
        return null;
    }
}
