package com.productos.analytics.drivers;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * analytics.top_drivers: which behaviours and properties separate converters from the rest (see
 * {@link DriverSql} for the counting and {@link DriverScorer} for the scoring). Skipped candidates
 * are listed in the run log.
 */
public final class DriversHandler implements ExecutorHandler {
    public static final int MAX_DRIVERS = 20;
    private final AnalyticsWarehouse warehouse;
    private final Clock clock;
    private final int minSupportUsers;

    public DriversHandler(AnalyticsWarehouse warehouse, Clock clock, int minSupportUsers) {
        this.warehouse = warehouse;
        this.clock = clock;
        this.minSupportUsers = minSupportUsers;
    }

    @Override
    public JsonNode handle(ExecutorRequest request) throws ExecutorFailure {
        DriverQuery query = DriverInput.parse(request.input(), clock, minSupportUsers);
        DriverCounts counts;
        try {
            counts = warehouse.driverCounts(query);
        } catch (WarehouseException e) {
            throw ExecutorFailure.unavailable("the events warehouse could not answer top_drivers: " + e.getMessage());
        }
        ObjectNode output = Json.object();
        JsonNode given = request.input().path("target");
        ObjectNode target = given.isObject() ? ((ObjectNode) given).deepCopy() : Json.object();
        target.put("event_name", query.targetEvent());
        target.put("users", counts.users());
        target.put("converted_users", counts.convertedUsers());
        output.set("target", target);
        output.put("range_days", query.range().rangeDays());
        ArrayNode drivers = output.putArray("drivers");
        if (counts.convertedUsers() == 0 || counts.convertedUsers() == counts.users()) {
            request.log()
                    .warn("no drivers: " + counts.convertedUsers() + " of " + counts.users()
                            + " users converted, so there is nobody to compare against; widen the range or check the target event '"
                            + query.targetEvent() + "'");
            return output;
        }
        DriverScorer.Result result = DriverScorer.score(query, counts, MAX_DRIVERS);
        result.drivers().forEach(driver -> drivers.add(driver.toOutput()));
        request.log()
                .info("top_drivers for '" + query.targetEvent() + "': " + counts.convertedUsers() + " of "
                        + counts.users() + " users converted; "
                        + result.drivers().size() + " drivers scored");
        if (!result.skipped().isEmpty())
            request.log().info("skipped candidates: " + String.join("; ", result.skipped()));
        return output;
    }
}
