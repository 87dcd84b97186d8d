package com.productos.analytics.drivers;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.PropertyFilter;
import com.productos.analytics.sql.PropertyKeys;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads an analytics.top_drivers input. The target is {@code target.event_name}, or, when that is
 * absent, the event named by {@code target.metric} (for a funnel, name its last step's event).
 * {@code candidate_features} entries are event names ("invite_teammate" or "event:invite_teammate")
 * or property names ("property:utm_campaign", scored per value); none = every event seen.
 */
public final class DriverInput {
    private DriverInput() {}

    public static DriverQuery parse(JsonNode input, Clock clock, int minSupportUsers) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        TimeRange range = TimeRange.parse(input, clock, errors);
        JsonNode target = input.path("target");
        String metric = target.path("metric").asString("");
        String event = target.path("event_name").isString()
                        && !target.path("event_name").asString().isBlank()
                ? target.path("event_name").asString()
                : metric;
        if (event.isBlank())
            errors.add(new FieldError(
                    "/target/event_name", "name the conversion event (or a metric that is an event name)"));
        List<String> events = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        JsonNode candidates = input.path("candidate_features");
        for (int i = 0; i < candidates.size(); i++) {
            String entry = candidates.get(i).asString("").trim();
            String pointer = "/candidate_features/" + i;
            if (entry.startsWith("property:")) {
                String key = entry.substring("property:".length());
                if (PropertyKeys.isValid(key)) properties.add(key);
                else
                    errors.add(new FieldError(
                            pointer, "property name must be letters, digits and _, e.g. property:utm_campaign"));
            } else {
                String name = entry.startsWith("event:") ? entry.substring("event:".length()) : entry;
                if (name.isBlank()) errors.add(new FieldError(pointer, "must name an event or property:NAME"));
                else events.add(name);
            }
        }
        PropertyFilter segment = PropertyFilter.parse(input.path("segment"), "/segment", errors);
        new InputProblems().addAll(errors).throwIfAny("analytics.top_drivers");
        return new DriverQuery(metric, event, events, properties, segment, range, minSupportUsers);
    }
}
