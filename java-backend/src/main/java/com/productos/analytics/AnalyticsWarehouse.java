package com.productos.analytics;

import com.productos.analytics.anomaly.KpiQuery;
import com.productos.analytics.anomaly.KpiSeries;
import com.productos.analytics.drivers.DriverCounts;
import com.productos.analytics.drivers.DriverQuery;
import com.productos.analytics.events.EventSink;
import com.productos.analytics.funnel.FunnelCounts;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.growth.DropoffCounts;
import com.productos.analytics.growth.DropoffQuery;
import com.productos.analytics.insights.InsightRecord;
import com.productos.analytics.insights.StoredLocation;
import com.productos.analytics.retention.RetentionQuery;
import com.productos.analytics.retention.RetentionTable;
import java.util.Optional;

/**
 * Where the analytics tools read events and keep insights: DuckDB embedded, BigQuery at scale. Both
 * run the same queries (see {@link com.productos.analytics.sql.SqlDialect}).
 */
public interface AnalyticsWarehouse extends AutoCloseable {
    /** Where events can be written through us; empty when they arrive by other means (BigQuery). */
    Optional<EventSink> eventSink();

    FunnelCounts funnel(FunnelQuery query);

    DriverCounts driverCounts(DriverQuery query);

    RetentionTable retention(RetentionQuery query);

    KpiSeries kpiSeries(KpiQuery query);

    /** Segment and other-event counts at funnel step {@code step} (1-based); see {@link com.productos.analytics.growth.DropoffSql}. */
    DropoffCounts dropoffs(DropoffQuery query, int step);

    /** Where insights are kept, as write_insight reports it. */
    StoredLocation insightsLocation();

    boolean insightExists(String insightId);

    void insertInsight(InsightRecord record);

    void deleteInsight(String insightId);

    @Override
    void close();
}
