package com.productos.analytics.anomaly;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.analytics.sql.TimeBucket;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * analytics.anomaly_detect: the KPI series from the warehouse ({@link KpiSql}) checked against a
 * weekly-seasonal baseline for daily points, daily-seasonal for hourly ones ({@link SeasonalBaseline}).
 */
public final class AnomalyHandler implements ExecutorHandler {
    private final AnalyticsWarehouse warehouse;
    private final Clock clock;

    public AnomalyHandler(AnalyticsWarehouse warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        KpiQuery query = AnomalyInput.parse(request.input(), clock);
        long started = System.nanoTime();
        KpiSeries series;
        try {
            series = warehouse.kpiSeries(query);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not answer anomaly_detect: " + e.getMessage());
        }
        boolean rate = query.kind() == KpiQuery.Kind.CONVERSION;
        int season = query.granularity() == TimeBucket.DAY ? 7 : 24;
        // One event (or a half-percent of conversion) is the least spread worth calling noise.
        List<SeasonalBaseline.Check> checks =
                SeasonalBaseline.check(series.values(), season, rate ? 0.005 : 1.0, !rate);
        ObjectNode output = Json.object();
        ObjectNode kpi = output.putObject("kpi").put("type", query.kind().label());
        if (query.eventName() != null) kpi.put("event_name", query.eventName());
        if (query.fromEvent() != null) kpi.put("from_event", query.fromEvent()).put("to_event", query.toEvent());
        output.put("granularity", query.granularity().label());
        output.put("range_days", query.range().rangeDays());
        output.put("points", series.values().length);
        output.put("points_checked", checks.size());
        output.put(
                "baseline",
                "median of the same "
                        + (season == 7 ? "weekday in up to 8 earlier weeks" : "hour in up to 8 earlier days")
                        + "; band = expected +- " + query.threshold() + " x 1.4826 MAD of earlier residuals");
        ArrayNode anomalies = output.putArray("anomalies");
        for (SeasonalBaseline.Check check : checks) {
            if (Math.abs(check.score()) <= query.threshold()) continue;
            double lower = Math.max(0, check.expected() - query.threshold() * check.scale());
            double upper = check.expected() + query.threshold() * check.scale();
            if (rate) upper = Math.min(1, upper);
            anomalies
                    .addObject()
                    .put(
                            "period_start",
                            query.granularity()
                                    .start(series.firstBucket() + check.index())
                                    .toString())
                    .put("value", check.value())
                    .put("expected", check.expected())
                    .put("lower", lower)
                    .put("upper", upper)
                    .put("score", check.score())
                    .put("direction", check.score() > 0 ? "spike" : "drop");
        }
        request.log()
                .info("anomaly_detect " + query.kind().label() + " per "
                        + query.granularity().label() + ": " + anomalies.size() + " anomalies in " + checks.size()
                        + " checked points, " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return output;
    }
}
