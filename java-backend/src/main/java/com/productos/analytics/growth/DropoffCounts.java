package com.productos.analytics.growth;

import java.util.List;

/**
 * At one funnel step: per segment (property, value) the users who reached the step and those who
 * went past it; per other event the users who stopped at the step and those who went past it who
 * did that event in the range.
 */
public record DropoffCounts(List<Segment> segments, List<Alternative> alternatives) {
    public record Segment(String property, String value, long atStep, long past) {}

    public record Alternative(String eventName, long droppers, long converters) {}

    public DropoffCounts {
        segments = List.copyOf(segments);
        alternatives = List.copyOf(alternatives);
    }
}
