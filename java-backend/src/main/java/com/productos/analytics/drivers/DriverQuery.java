package com.productos.analytics.drivers;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.PropertyFilter;
import java.util.List;

/**
 * A top-drivers question.
 *
 * @param targetEvent the conversion event; a user converts by doing it within the range
 * @param candidateEvents events to score; empty = every event seen except the target
 * @param candidateProperties property names whose values are scored as "name=value" features
 * @param segment users to consider (those with at least one event in the range matching it)
 */
public record DriverQuery(
        String metric,
        String targetEvent,
        List<String> candidateEvents,
        List<String> candidateProperties,
        PropertyFilter segment,
        TimeRange range,
        int minSupportUsers) {
    public DriverQuery {
        candidateEvents = List.copyOf(candidateEvents);
        candidateProperties = List.copyOf(candidateProperties);
    }
}
