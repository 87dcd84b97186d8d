package com.productos.analytics.growth;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.analytics.drivers.AssociationTest;
import com.productos.analytics.funnel.FunnelCounts;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * growth.identify_dropoffs: the funnel step that loses the most users; the segments (by a property
 * of the user's step-1 events) whose loss there is significantly worse than the other users' (Fisher
 * or chi-square, Bonferroni over the segments judged, p below 0.01 in all); and the events that the
 * users who stop there do more often than those who go on.
 */
public final class DropoffHandler implements ExecutorHandler {
    public static final int MAX_ALTERNATIVES = 10;
    private static final double FAMILY_P = 0.01;
    private final AnalyticsWarehouse warehouse;
    private final Clock clock;

    public DropoffHandler(AnalyticsWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        DropoffQuery query = DropoffInput.parse(request.input(), clock);
        FunnelCounts funnel;
        DropoffCounts counts;
        int worst = 1;
        try {
            funnel = warehouse.funnel(query.funnel());
            List<Long> users = funnel.usersPerStep();
            for (int k = 1; k < users.size(); k++) {
                if (users.get(k - 1) - users.get(k) > users.get(worst - 1) - users.get(worst)) worst = k;
            }
            counts = warehouse.dropoffs(query, worst);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not answer identify_dropoffs: " + e.getMessage());
        }
        long atStep = funnel.usersPerStep().get(worst - 1);
        long past = funnel.usersPerStep().get(worst);
        ObjectNode output = funnel.toOutput(query.funnel());
        output.set(
                "worst_step",
                Json.object()
                        .put("step", worst + 1)
                        .put("from_event", query.funnel().steps().get(worst - 1).eventName())
                        .put("to_event", query.funnel().steps().get(worst).eventName())
                        .put("users_at_step", atStep)
                        .put("users_lost", atStep - past)
                        .put("loss_rate", atStep == 0 ? 0.0 : (double) (atStep - past) / atStep));
        output.set("segments", segments(query, counts, atStep, past, request));
        output.set("alternatives", alternatives(counts, atStep - past, past));
        return output;
    }

    private static ArrayNode segments(
            DropoffQuery query, DropoffCounts counts, long atStep, long past, ExecutorRequest request) {
        List<DropoffCounts.Segment> judged = counts.segments().stream()
                .filter(s -> s.atStep() >= query.minSegmentUsers() && s.atStep() < atStep)
                .toList();
        double limit = FAMILY_P / Math.max(1, judged.size());
        List<ObjectNode> worse = new ArrayList<>();
        for (DropoffCounts.Segment segment : judged) {
            long lost = segment.atStep() - segment.past();
            long otherAt = atStep - segment.atStep();
            long otherLost = otherAt - (past - segment.past());
            double rate = (double) lost / segment.atStep();
            double otherRate = (double) otherLost / otherAt;
            double p = AssociationTest.pValue(lost, segment.past(), otherLost, otherAt - otherLost);
            if (rate <= otherRate || p >= limit) continue;
            worse.add(Json.object()
                    .put("property", segment.property())
                    .put("value", segment.value())
                    .put("users", segment.atStep())
                    .put("lost", lost)
                    .put("loss_rate", rate)
                    .put("others_loss_rate", otherRate)
                    .put("p_value", p));
        }
        worse.sort(Comparator.comparingDouble(
                (ObjectNode s) -> -s.path("loss_rate").asDouble()));
        request.log()
                .info("identify_dropoffs: " + judged.size() + " segments judged (p < " + limit + "), " + worse.size()
                        + " worse");
        ArrayNode array = Json.array();
        worse.forEach(array::add);
        return array;
    }

    private static ArrayNode alternatives(DropoffCounts counts, long droppers, long converters) {
        ArrayNode array = Json.array();
        if (droppers == 0) return array;
        counts.alternatives().stream()
                .map(a -> new Object[] {
                    a, (double) a.droppers() / droppers, converters == 0 ? 0.0 : (double) a.converters() / converters
                })
                .filter(row -> (double) row[1] > (double) row[2])
                .sorted(Comparator.comparingDouble(row -> -((double) row[1] - (double) row[2])))
                .limit(MAX_ALTERNATIVES)
                .forEach(row -> {
                    DropoffCounts.Alternative a = (DropoffCounts.Alternative) row[0];
                    array.add(Json.object()
                            .put("event_name", a.eventName())
                            .put("droppers", a.droppers())
                            .put("converters", a.converters())
                            .put("dropper_share", (double) row[1])
                            .put("converter_share", (double) row[2]));
                });
        return array;
    }
}
