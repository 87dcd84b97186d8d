package com.productos.analytics.funnel;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.PropertyFilter;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads and checks an analytics.funnel_summary input, including what its schema cannot express. */
public final class FunnelInput {
    /** At most this many steps: each one is a window pass in the query. */
    public static final int MAX_STEPS = 20;

    private FunnelInput() {}

    public static FunnelQuery parse(JsonNode input, Clock clock) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        FunnelQuery query = parse(input, clock, errors);
        new InputProblems().addAll(errors).throwIfAny("analytics.funnel_summary");
        return query;
    }

    /** Reads a funnel input, adding one error per problem to {@code errors}; the query is only usable when none were added. */
    public static FunnelQuery parse(JsonNode input, Clock clock, List<FieldError> errors) {
        TimeRange range = TimeRange.parse(input, clock, errors);
        JsonNode funnel = input.path("funnel");
        String name = name(funnel, errors);
        List<FunnelStep> steps = steps(funnel, errors);
        PropertyFilter segment = PropertyFilter.parse(input.path("segment"), "/segment", errors);
        int windowDays = conversionWindowDays(input, errors);
        return new FunnelQuery(name, steps, segment, windowDays, range);
    }

    /** The funnel's {@code name} (under {@code /funnel}), adding an error when it is blank. */
    public static String name(JsonNode funnel, List<FieldError> errors) {
        String name = funnel.path("name").isString() ? funnel.path("name").asString() : "";
        if (name.isBlank()) errors.add(new FieldError("/funnel/name", "must be a non-empty name"));
        return name;
    }

    /** The funnel's {@code steps} (under {@code /funnel}): 2 to {@link #MAX_STEPS}, each with an event name. */
    public static List<FunnelStep> steps(JsonNode funnel, List<FieldError> errors) {
        JsonNode stepNodes = funnel.path("steps");
        List<FunnelStep> steps = new ArrayList<>();
        if (!stepNodes.isArray() || stepNodes.size() < 2) {
            errors.add(new FieldError("/funnel/steps", "a funnel needs at least 2 steps"));
        } else if (stepNodes.size() > MAX_STEPS) {
            errors.add(new FieldError("/funnel/steps", "a funnel has at most " + MAX_STEPS + " steps"));
        } else {
            for (int i = 0; i < stepNodes.size(); i++) {
                JsonNode step = stepNodes.get(i);
                JsonNode eventName = step.path("event_name");
                if (!eventName.isString() || eventName.asString().isBlank()) {
                    errors.add(new FieldError("/funnel/steps/" + i + "/event_name", "must be a non-empty event name"));
                }
                PropertyFilter filter =
                        PropertyFilter.parse(step.path("filter"), "/funnel/steps/" + i + "/filter", errors);
                steps.add(new FunnelStep(eventName.asString(""), filter));
            }
        }
        return steps;
    }

    /** The optional top-level {@code conversion_window_days} (1..365), else the default. */
    public static int conversionWindowDays(JsonNode input, List<FieldError> errors) {
        JsonNode window = input.path("conversion_window_days");
        if (window.isMissingNode() || window.isNull()) return FunnelQuery.DEFAULT_CONVERSION_WINDOW_DAYS;
        if (!window.isIntegralNumber() || window.asLong() < 1 || window.asLong() > 365) {
            errors.add(new FieldError("/conversion_window_days", "must be a whole number of days from 1 to 365"));
            return FunnelQuery.DEFAULT_CONVERSION_WINDOW_DAYS;
        }
        return window.asInt();
    }
}
