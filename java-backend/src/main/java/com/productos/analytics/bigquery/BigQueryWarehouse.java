package com.productos.analytics.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableResult;
import com.productos.analytics.AnalyticsSettings.BigQuerySettings;
import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.WarehouseException;
import com.productos.analytics.anomaly.KpiQuery;
import com.productos.analytics.anomaly.KpiSeries;
import com.productos.analytics.anomaly.KpiSql;
import com.productos.analytics.drivers.DriverCounts;
import com.productos.analytics.drivers.DriverQuery;
import com.productos.analytics.drivers.DriverSql;
import com.productos.analytics.drivers.FeatureCount;
import com.productos.analytics.events.EventKeys;
import com.productos.analytics.events.EventSink;
import com.productos.analytics.funnel.FunnelCounts;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.funnel.FunnelSql;
import com.productos.analytics.growth.DropoffCounts;
import com.productos.analytics.growth.DropoffQuery;
import com.productos.analytics.growth.DropoffSql;
import com.productos.analytics.insights.InsightRecord;
import com.productos.analytics.insights.StoredLocation;
import com.productos.analytics.retention.RetentionQuery;
import com.productos.analytics.retention.RetentionSql;
import com.productos.analytics.retention.RetentionTable;
import com.productos.analytics.sql.SqlStatement;
import com.productos.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analytics warehouse on BigQuery: the same funnel and driver queries as DuckDB, in BigQuery's
 * dialect, always with query parameters. Events land in {@code events(insert_id STRING, user_id
 * STRING, event_name STRING, ts TIMESTAMP, properties JSON)} through Pub/Sub or load jobs, not
 * through this executor. Insights go to {@code insights(insight_id STRING, created_at TIMESTAMP,
 * type, title, summary, severity STRING, confidence FLOAT64, range_days INT64, context JSON,
 * recommendations JSON, links JSON, run_id STRING, report_prefix STRING)} by DML. The executor's
 * service account needs BigQuery Job User on the project and Data Editor on the dataset only.
 */
public final class BigQueryWarehouse implements AnalyticsWarehouse {
    private final BigQuery bigQuery;
    private final BigQuerySettings settings;
    private final BigQueryDialect dialect;

    public BigQueryWarehouse(BigQuery bigQuery, BigQuerySettings settings) {
        this.bigQuery = bigQuery;
        this.settings = settings;
        this.dialect = new BigQueryDialect(settings.project(), settings.dataset(), settings.eventsTable());
    }

    @Override
    public Optional<EventSink> eventSink() {
        return Optional.empty();
    }

    @Override
    public FunnelCounts funnel(FunnelQuery query) {
        TableResult result = run(FunnelSql.build(query, dialect));
        List<Long> users = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            for (int k = 0; k < query.steps().size(); k++)
                users.add(row.get(k).isNull() ? 0 : row.get(k).getLongValue());
        }
        if (users.size() != query.steps().size()) throw new WarehouseException("BigQuery returned no funnel row");
        return new FunnelCounts(users);
    }

    @Override
    public DriverCounts driverCounts(DriverQuery query) {
        long users = 0;
        long converted = 0;
        for (FieldValueList row : run(DriverSql.totals(query, dialect)).iterateAll()) {
            users = row.get(0).getLongValue();
            converted = row.get(1).getLongValue();
        }
        List<FeatureCount> features = new ArrayList<>();
        for (FieldValueList row : run(DriverSql.features(query, dialect)).iterateAll()) {
            features.add(new FeatureCount(
                    row.get(0).getStringValue(),
                    row.get(1).getStringValue(),
                    row.get(2).getLongValue(),
                    row.get(3).getLongValue()));
        }
        return new DriverCounts(users, converted, features);
    }

    @Override
    public RetentionTable retention(RetentionQuery query) {
        return RetentionTable.fromRows(query, longRows(RetentionSql.build(query, dialect), 3));
    }

    @Override
    public KpiSeries kpiSeries(KpiQuery query) {
        return KpiSeries.fromRows(query, longRows(KpiSql.build(query, dialect), 3));
    }

    private List<long[]> longRows(SqlStatement sql, int columns) {
        List<long[]> rows = new ArrayList<>();
        for (FieldValueList row : run(sql).iterateAll()) {
            long[] values = new long[columns];
            for (int i = 0; i < columns; i++)
                values[i] = row.get(i).isNull() ? 0 : row.get(i).getLongValue();
            rows.add(values);
        }
        return rows;
    }

    @Override
    public DropoffCounts dropoffs(DropoffQuery query, int step) {
        List<DropoffCounts.Segment> segments = new ArrayList<>();
        if (!query.segmentBy().isEmpty()) {
            for (FieldValueList row :
                    run(DropoffSql.segments(query, step, dialect)).iterateAll()) {
                segments.add(new DropoffCounts.Segment(
                        query.segmentBy().get((int) row.get(0).getLongValue()),
                        row.get(1).getStringValue(),
                        row.get(2).getLongValue(),
                        row.get(3).getLongValue()));
            }
        }
        List<DropoffCounts.Alternative> alternatives = new ArrayList<>();
        for (FieldValueList row :
                run(DropoffSql.alternatives(query, step, dialect)).iterateAll()) {
            alternatives.add(new DropoffCounts.Alternative(
                    row.get(0).getStringValue(),
                    row.get(1).getLongValue(),
                    row.get(2).getLongValue()));
        }
        return new DropoffCounts(segments, alternatives);
    }

    @Override
    public StoredLocation insightsLocation() {
        return new StoredLocation(settings.project() + "." + settings.dataset(), settings.insightsTable());
    }

    @Override
    public boolean insightExists(String insightId) {
        SqlStatement sql = new SqlStatement(dialect)
                .sql("SELECT COUNT(*) FROM ")
                .sql(dialect.table(settings.insightsTable()))
                .sql(" WHERE insight_id = ")
                .param(insightId);
        for (FieldValueList row : run(sql).iterateAll()) return row.get(0).getLongValue() > 0;
        return false;
    }

    @Override
    public void insertInsight(InsightRecord record) {
        SqlStatement sql = new SqlStatement(dialect)
                .sql("INSERT INTO ")
                .sql(dialect.table(settings.insightsTable()))
                .sql(
                        " (insight_id, created_at, type, title, summary, severity, confidence, range_days, context, recommendations, "
                                + "links, run_id, report_prefix) VALUES (")
                .param(record.insightId())
                .sql(", TIMESTAMP_MICROS(")
                .param(EventKeys.epochMicros(record.createdAt()))
                .sql("), ")
                .param(record.type())
                .sql(", ")
                .param(record.title())
                .sql(", ")
                .param(record.summary())
                .sql(", ")
                .param(record.severity())
                .sql(", ")
                .param(record.confidence())
                .sql(", ")
                .param((long) record.rangeDays())
                .sql(", PARSE_JSON(")
                .param(record.context() == null ? "null" : Json.write(record.context()))
                .sql("), PARSE_JSON(")
                .param(Json.write(record.recommendations()))
                .sql("), PARSE_JSON(")
                .param(record.links() == null ? "null" : Json.write(record.links()))
                .sql("), ")
                .param(record.runId() == null ? "" : record.runId())
                .sql(", ")
                .param(record.reportPrefix())
                .sql(")");
        run(sql);
    }

    @Override
    public void deleteInsight(String insightId) {
        run(new SqlStatement(dialect)
                .sql("DELETE FROM ")
                .sql(dialect.table(settings.insightsTable()))
                .sql(" WHERE insight_id = ")
                .param(insightId));
    }

    private TableResult run(SqlStatement sql) {
        Map<String, QueryParameterValue> parameters = new LinkedHashMap<>();
        List<Object> values = sql.parameters();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            QueryParameterValue parameter = value instanceof Long number
                    ? QueryParameterValue.int64(number)
                    : value instanceof Double number
                            ? QueryParameterValue.float64(number)
                            : QueryParameterValue.string((String) value);
            parameters.put("p" + i, parameter);
        }
        QueryJobConfiguration configuration = QueryJobConfiguration.newBuilder(sql.text())
                .setUseLegacySql(false)
                .setNamedParameters(parameters)
                .build();
        try {
            return bigQuery.query(configuration);
        } catch (BigQueryException e) {
            throw new WarehouseException(
                    "BigQuery query failed (" + e.getCode() + "): " + e.getMessage()
                            + "; check analytics.bigquery settings and that the executor's service account can query the dataset",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while waiting for BigQuery", e);
        }
    }

    @Override
    public void close() {
        // The client holds no resources that need closing.
    }
}
