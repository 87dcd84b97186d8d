package com.productos.analytics.measure;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * analytics.measure_campaign: compares the funnel conversion of a campaign's attributed users with
 * unattributed users of the same period and with the period before, and adds a measurement record
 * linked to the campaign, its insight and this run. With an idempotency key the measurement id is
 * derived from it, so a repeated call adds nothing.
 */
public final class MeasureCampaignHandler implements ExecutorHandler {
    private final AnalyticsWarehouse warehouse;
    private final MeasurementStore measurements;
    private final Clock clock;

    public MeasureCampaignHandler(AnalyticsWarehouse warehouse, MeasurementStore measurements, Clock clock) {
        this.warehouse = warehouse;
        this.measurements = measurements;
        this.clock = clock;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        CampaignMeasureQuery query = CampaignMeasureInput.parse(request.input(), clock);
        if (query.insightId() != null && !insightExists(query.insightId())) {
            throw ExecutorFailure.notFound(
                    "no insight '" + query.insightId() + "' in the warehouse; pass the insight_id that "
                            + "analytics.write_insight returned, or leave insight_id out");
        }
        String measurementId =
                request.idempotencyKey() == null || request.idempotencyKey().isBlank()
                        ? "msr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20)
                        : "msr_"
                                + Json.sha256Hex("measure_campaign\u0000" + request.idempotencyKey())
                                        .substring(0, 20);
        var earlier = measurements.find(measurementId);
        if (earlier.isPresent()) {
            request.log()
                    .info("measurement " + measurementId + " was already made for this idempotency key; returning it");
            return earlier.get();
        }
        CampaignMeasurement.Result result;
        try {
            result = CampaignMeasurement.measure(warehouse, query);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not answer the measurement: " + e.getMessage());
        }
        ObjectNode output = MeasurementOutput.of(measurementId, result, clock.instant());
        measurements.add(
                measurementId,
                query.campaignId(),
                query.insightId(),
                request.runId(),
                output.path("measured_at").asString(),
                output);
        request.log()
                .info("campaign " + query.campaignId() + ": "
                        + output.path("summary").asString());
        return output;
    }

    private boolean insightExists(String insightId) throws ExecutorFailure {
        try {
            return warehouse.insightExists(insightId);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable(
                    "the events warehouse could not look up insight '" + insightId + "': " + e.getMessage());
        }
    }
}
