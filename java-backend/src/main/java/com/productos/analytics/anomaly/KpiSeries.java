package com.productos.analytics.anomaly;

import com.productos.analytics.sql.TimeBucket;
import java.util.List;

/**
 * A KPI per bucket, for every bucket that lies wholly within the range (a bucket cut by the range's
 * start or by as_of would look like a drop), buckets without events included (as 0, or for
 * conversion as no value: NaN).
 */
public record KpiSeries(long firstBucket, double[] values) {
    /** From {@code (bucket, numerator, denominator)} rows. */
    public static KpiSeries fromRows(KpiQuery query, List<long[]> rows) {
        TimeBucket bucket = query.granularity();
        long first = bucket.of(query.range().from());
        if (bucket.start(first).isBefore(query.range().from())) first++;
        long last = bucket.of(query.range().asOf().plusNanos(1000)) - 1;
        double[] values = new double[(int) Math.max(0, last - first + 1)];
        boolean rate = query.kind() == KpiQuery.Kind.CONVERSION;
        if (rate) java.util.Arrays.fill(values, Double.NaN);
        for (long[] row : rows) {
            int index = (int) (row[0] - first);
            if (index < 0 || index >= values.length) continue;
            values[index] = rate ? (row[2] == 0 ? Double.NaN : (double) row[1] / row[2]) : row[1];
        }
        return new KpiSeries(first, values);
    }
}
