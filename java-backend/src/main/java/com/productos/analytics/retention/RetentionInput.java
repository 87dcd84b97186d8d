package com.productos.analytics.retention;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.TimeBucket;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads and checks an analytics.cohort_retention input. */
public final class RetentionInput {
    public static final int MAX_PERIODS = 60;

    private RetentionInput() {}

    public static RetentionQuery parse(JsonNode input, Clock clock) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        TimeRange range = TimeRange.parse(input, clock, errors);
        TimeBucket period = TimeBucket.WEEK;
        JsonNode periodNode = input.path("period");
        if (!periodNode.isMissingNode() && !periodNode.isNull()) {
            period = periodNode.isString() ? TimeBucket.parse(periodNode.asString()) : null;
            if (period == null || period == TimeBucket.HOUR)
                errors.add(new FieldError("/period", "must be \"day\", \"week\" or \"month\""));
        }
        String start = optionalName(input, "start_event", errors);
        String back = optionalName(input, "return_event", errors);
        int maxPeriods = 12;
        JsonNode periods = input.path("periods");
        if (!periods.isMissingNode() && !periods.isNull()) {
            if (!periods.isIntegralNumber() || periods.asLong() < 1 || periods.asLong() > MAX_PERIODS) {
                errors.add(new FieldError("/periods", "must be a whole number from 1 to " + MAX_PERIODS));
            } else {
                maxPeriods = periods.asInt();
            }
        }
        new InputProblems().addAll(errors).throwIfAny("analytics.cohort_retention");
        return new RetentionQuery(period, start, back, maxPeriods, range);
    }

    static String optionalName(JsonNode input, String field, List<FieldError> errors) {
        JsonNode node = input.path(field);
        if (node.isMissingNode() || node.isNull()) return null;
        if (!node.isString() || node.asString().isBlank()) {
            errors.add(new FieldError("/" + field, "must be a non-empty event name (leave it out for any event)"));
            return null;
        }
        return node.asString();
    }
}
