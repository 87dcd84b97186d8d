package com.productos.analytics.drivers;

/** Of the users who showed a feature before converting (or ever, for those who did not), how many converted. */
public record FeatureCount(String kind, String feature, long users, long convertedUsers) {
    public static final String EVENT = "event";

    /** The driver's name: the event name, or "property=value". */
    public String name() {
        return EVENT.equals(kind) ? feature : kind + "=" + feature;
    }
}
