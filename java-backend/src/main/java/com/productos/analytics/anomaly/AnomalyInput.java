package com.productos.analytics.anomaly;

import com.productos.analytics.TimeRange;
import com.productos.analytics.sql.TimeBucket;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads and checks an analytics.anomaly_detect input, including which event names each KPI type needs. */
public final class AnomalyInput {
    public static final double DEFAULT_THRESHOLD = 4.0;

    private AnomalyInput() {}

    public static KpiQuery parse(JsonNode input, Clock clock) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        TimeRange range = TimeRange.parse(input, clock, errors);
        JsonNode kpi = input.path("kpi");
        KpiQuery.Kind kind = null;
        String type = kpi.path("type").isString() ? kpi.path("type").asString() : "";
        for (KpiQuery.Kind candidate : KpiQuery.Kind.values())
            if (candidate.label().equals(type)) kind = candidate;
        if (kind == null)
            errors.add(new FieldError("/kpi/type", "must be \"event_count\", \"distinct_users\" or \"conversion\""));
        String eventName = name(
                kpi, "event_name", kind == KpiQuery.Kind.EVENT_COUNT || kind == KpiQuery.Kind.DISTINCT_USERS, errors);
        String from = name(kpi, "from_event", kind == KpiQuery.Kind.CONVERSION, errors);
        String to = name(kpi, "to_event", kind == KpiQuery.Kind.CONVERSION, errors);
        TimeBucket granularity = TimeBucket.DAY;
        JsonNode granularityNode = input.path("granularity");
        if (!granularityNode.isMissingNode() && !granularityNode.isNull()) {
            granularity = granularityNode.isString() ? TimeBucket.parse(granularityNode.asString()) : null;
            if (granularity != TimeBucket.DAY && granularity != TimeBucket.HOUR) {
                errors.add(new FieldError("/granularity", "must be \"day\" or \"hour\""));
            }
        }
        double threshold = DEFAULT_THRESHOLD;
        JsonNode thresholdNode = input.path("threshold");
        if (!thresholdNode.isMissingNode() && !thresholdNode.isNull()) {
            if (!thresholdNode.isNumber() || thresholdNode.asDouble() < 2 || thresholdNode.asDouble() > 10) {
                errors.add(new FieldError("/threshold", "must be a number from 2 to 10 (robust standard deviations)"));
            } else {
                threshold = thresholdNode.asDouble();
            }
        }
        new InputProblems().addAll(errors).throwIfAny("analytics.anomaly_detect");
        return new KpiQuery(kind, eventName, from, to, granularity, range, threshold);
    }

    private static String name(JsonNode kpi, String field, boolean needed, List<FieldError> errors) {
        JsonNode node = kpi.path(field);
        boolean given = !node.isMissingNode() && !node.isNull();
        if (!needed) {
            if (given) errors.add(new FieldError("/kpi/" + field, "is not used by this KPI type; leave it out"));
            return null;
        }
        if (!node.isString() || node.asString().isBlank()) {
            errors.add(new FieldError("/kpi/" + field, "must be a non-empty event name for this KPI type"));
            return null;
        }
        return node.asString();
    }
}
