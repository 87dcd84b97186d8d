package com.productos.analytics.funnel;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/** analytics.funnel_summary: an ordered funnel over the warehouse; semantics in {@link FunnelSql}. */
public final class FunnelHandler implements ExecutorHandler {
    private final AnalyticsWarehouse warehouse;
    private final Clock clock;

    public FunnelHandler(AnalyticsWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        FunnelQuery query = FunnelInput.parse(request.input(), clock);
        long started = System.nanoTime();
        FunnelCounts counts;
        try {
            counts = warehouse.funnel(query);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable("the events warehouse could not answer the funnel: " + e.getMessage());
        }
        request.log()
                .info("funnel '" + query.name() + "' over " + query.range().rangeDays() + " days to "
                        + query.range().asOf()
                        + ", window " + query.conversionWindowDays() + " days: " + counts.usersPerStep() + " users in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
        return counts.toOutput(query);
    }
}
