package com.productos.analytics.funnel;

import com.productos.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Users reaching each step of a funnel, turned into the analytics.funnel_summary output. */
public record FunnelCounts(List<Long> usersPerStep) {
    public FunnelCounts {
        usersPerStep = List.copyOf(usersPerStep);
    }

    /** Users at step k over users at step k-1; 1.0 for step 1 and 0 when the previous step has none. */
    public double conversionFromPrevious(int stepIndex) {
        if (stepIndex == 0) return 1.0;
        long previous = usersPerStep.get(stepIndex - 1);
        return previous == 0 ? 0.0 : (double) usersPerStep.get(stepIndex) / previous;
    }

    public ObjectNode toOutput(FunnelQuery query) {
        ObjectNode output = Json.object();
        output.put("funnel_name", query.name());
        output.put("range_days", query.range().rangeDays());
        ArrayNode steps = output.putArray("steps");
        for (int k = 0; k < usersPerStep.size(); k++) {
            steps.add(Json.object()
                    .put("event_name", query.steps().get(k).eventName())
                    .put("users", usersPerStep.get(k))
                    .put("conversion_from_prev", conversionFromPrevious(k)));
        }
        return output;
    }
}
