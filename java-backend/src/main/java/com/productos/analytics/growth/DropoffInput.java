package com.productos.analytics.growth;

import com.productos.analytics.funnel.FunnelInput;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.sql.PropertyKeys;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.InputProblems;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads and checks a growth.identify_dropoffs input: a funnel_summary input plus what to split by. */
public final class DropoffInput {
    public static final int MAX_SEGMENT_PROPERTIES = 10;

    private DropoffInput() {}

    public static DropoffQuery parse(JsonNode input, Clock clock) throws ExecutorFailure {
        List<FieldError> errors = new ArrayList<>();
        FunnelQuery funnel = FunnelInput.parse(input, clock, errors);
        Set<String> properties = new LinkedHashSet<>();
        JsonNode segmentBy = input.path("segment_by");
        if (!segmentBy.isMissingNode() && !segmentBy.isNull()) {
            if (!segmentBy.isArray() || segmentBy.size() > MAX_SEGMENT_PROPERTIES) {
                errors.add(new FieldError(
                        "/segment_by", "must be a list of at most " + MAX_SEGMENT_PROPERTIES + " property names"));
            } else {
                for (int i = 0; i < segmentBy.size(); i++) {
                    JsonNode name = segmentBy.get(i);
                    if (!name.isString() || !PropertyKeys.isValid(name.asString())) {
                        errors.add(
                                new FieldError(
                                        "/segment_by/" + i,
                                        "property name must be letters, digits and _ (at most 64), starting with a letter or _"));
                    } else {
                        properties.add(name.asString());
                    }
                }
            }
        }
        int minUsers = 30;
        JsonNode min = input.path("min_segment_users");
        if (!min.isMissingNode() && !min.isNull()) {
            if (!min.isIntegralNumber() || min.asLong() < 1 || min.asLong() > 1_000_000) {
                errors.add(new FieldError("/min_segment_users", "must be a whole number from 1 to 1000000"));
            } else {
                minUsers = min.asInt();
            }
        }
        new InputProblems().addAll(errors).throwIfAny("growth.identify_dropoffs");
        return new DropoffQuery(funnel, List.copyOf(properties), minUsers);
    }
}
