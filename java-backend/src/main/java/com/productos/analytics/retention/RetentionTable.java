package com.productos.analytics.retention;

import com.productos.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retention triangle: per cohort (bucket number, oldest first) the users retained in periods
 * 0..k, where period 0 is the cohort size and k stops at the range's last period.
 */
public record RetentionTable(Map<Long, long[]> retainedByCohort) {
    /** Builds the triangle from {@code (cohort, offset, users)} rows. */
    public static RetentionTable fromRows(RetentionQuery query, List<long[]> rows) {
        long lastPeriod = query.period().of(query.range().asOf());
        Map<Long, long[]> table = new TreeMap<>();
        for (long[] row : rows) {
            if (row[1] != 0) continue;
            int width = (int) Math.min(query.maxPeriods(), lastPeriod - row[0]) + 1;
            table.put(row[0], new long[width]);
        }
        for (long[] row : rows) {
            long[] retained = table.get(row[0]);
            if (retained != null && row[1] < retained.length) retained[(int) row[1]] = row[2];
        }
        return new RetentionTable(table);
    }

    public ObjectNode toOutput(RetentionQuery query) {
        ObjectNode output = Json.object();
        output.put("period", query.period().label());
        output.put("range_days", query.range().rangeDays());
        output.put("start_event", query.startEvent() == null ? "(any event)" : query.startEvent());
        output.put("return_event", query.returnEvent() == null ? "(any event)" : query.returnEvent());
        ArrayNode cohorts = output.putArray("cohorts");
        retainedByCohort.forEach((cohort, retained) -> {
            ObjectNode row = cohorts.addObject();
            row.put("cohort_start", query.period().start(cohort).toString());
            row.put("size", retained[0]);
            ArrayNode users = row.putArray("retained");
            ArrayNode rates = row.putArray("retention");
            for (long count : retained) {
                users.add(count);
                rates.add(retained[0] == 0 ? 0.0 : (double) count / retained[0]);
            }
        });
        return output;
    }
}
