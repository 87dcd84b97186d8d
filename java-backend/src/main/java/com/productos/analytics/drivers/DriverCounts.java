package com.productos.analytics.drivers;

import java.util.List;

/** What the warehouse counts for top drivers: the population, its converters and each feature's 2x2 margins. */
public record DriverCounts(long users, long convertedUsers, List<FeatureCount> features) {
    public DriverCounts {
        features = List.copyOf(features);
    }
}
