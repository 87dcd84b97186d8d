package com.productos.analytics.retention;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/** analytics.cohort_retention: the retention triangle of cohorts by first event; semantics in {@link RetentionSql}. */
public final class RetentionHandler implements ExecutorHandler {
    private final AnalyticsWarehouse warehouse;
    private final Clock clock;

    public RetentionHandler(AnalyticsWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        RetentionQuery query = RetentionInput.parse(request.input(), clock);
        long started = System.nanoTime();
        RetentionTable table;
        try {
            table = warehouse.retention(query);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not answer cohort_retention: " + e.getMessage());
        }
        request.log()
                .info("cohort_retention by " + query.period().label() + " over "
                        + query.range().rangeDays() + " days: "
                        + table.retainedByCohort().size() + " cohorts in " + (System.nanoTime() - started) / 1_000_000
                        + " ms");
        return table.toOutput(query);
    }
}
