package com.productos.analytics.duckdb;

import com.productos.analytics.AnalyticsSettings;
import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.anomaly.KpiQuery;
import com.productos.analytics.anomaly.KpiSeries;
import com.productos.analytics.anomaly.KpiSql;
import com.productos.analytics.drivers.DriverCounts;
import com.productos.analytics.drivers.DriverQuery;
import com.productos.analytics.drivers.DriverSql;
import com.productos.analytics.drivers.FeatureCount;
import com.productos.analytics.events.EventBatch;
import com.productos.analytics.events.EventSink;
import com.productos.analytics.funnel.FunnelCounts;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.funnel.FunnelSql;
import com.productos.analytics.funnel.FunnelWalk;
import com.productos.analytics.growth.DropoffCounts;
import com.productos.analytics.growth.DropoffQuery;
import com.productos.analytics.growth.DropoffSql;
import com.productos.analytics.insights.InsightRecord;
import com.productos.analytics.insights.StoredLocation;
import com.productos.analytics.retention.RetentionQuery;
import com.productos.analytics.retention.RetentionSql;
import com.productos.analytics.retention.RetentionTable;
import com.productos.analytics.sql.SqlDialect;
import com.productos.analytics.sql.SqlStatement;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The embedded warehouse: events in, funnels, drivers and insights out, all in one DuckDB file. */
public final class DuckDbWarehouse implements AnalyticsWarehouse, EventSink {
    private final DuckDbDatabase database;

    public DuckDbWarehouse(DuckDbDatabase database) {
        this.database = database;
    }

    /**
     * Opens the embedded warehouse a workspace's config names (analytics.duckdb.file, default
     * .productos/analytics.duckdb). A DuckDB file is opened by one process at a time.
     */
    public static DuckDbWarehouse open(Workspace workspace, ProductOsConfig config) {
        return new DuckDbWarehouse(DuckDbDatabase.open(
                AnalyticsSettings.from(config.section("analytics"), workspace).duckDbFile()));
    }

    public DuckDbDatabase database() {
        return database;
    }

    @Override
    public EventBatch openBatch() {
        return new DuckDbEventBatch(database);
    }

    @Override
    public Optional<EventSink> eventSink() {
        return Optional.of(this);
    }

    /**
     * The funnel as one pass: DuckDB orders the matching events by user key and time, and
     * {@link FunnelWalk} walks them. Several times faster here than {@link FunnelSql#build}'s window
     * passes, which BigQuery runs; both count the same.
     */
    @Override
    public FunnelCounts funnel(FunnelQuery query) {
        FunnelWalk walk = new FunnelWalk(query.steps().size(), query.conversionWindowMicros());
        int n = query.steps().size();
        boolean packed = n <= FunnelSql.PACKED_MAX_STEPS;
        long from = query.range().fromMicros();
        long maskBits = (1L << n) - 1;
        query(FunnelSql.orderedMatches(query, SqlDialect.DUCKDB), rs -> {
            boolean any = false;
            long user = 0;
            while (rs.next()) {
                long key = rs.getLong(1);
                if (any && key != user) walk.endUser();
                any = true;
                user = key;
                if (packed) {
                    long tm = rs.getLong(2);
                    walk.add(from + (tm >>> n), (int) (tm & maskBits));
                } else {
                    walk.add(rs.getLong(2), rs.getInt(3));
                }
            }
            if (any) walk.endUser();
            return null;
        });
        List<Long> users = new ArrayList<>();
        for (long count : walk.usersPerStep()) users.add(count);
        return new FunnelCounts(users);
    }

    /** The same funnel through {@link FunnelSql#build}, the query BigQuery runs. */
    public FunnelCounts funnelBySql(FunnelQuery query) {
        return query(FunnelSql.build(query, SqlDialect.DUCKDB), rs -> {
            rs.next();
            List<Long> users = new ArrayList<>();
            for (int k = 1; k <= query.steps().size(); k++) users.add(rs.getLong(k));
            return new FunnelCounts(users);
        });
    }

    @Override
    public DriverCounts driverCounts(DriverQuery query) {
        long[] totals = query(DriverSql.totals(query, SqlDialect.DUCKDB), rs -> {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        });
        List<FeatureCount> features = query(DriverSql.features(query, SqlDialect.DUCKDB), rs -> {
            List<FeatureCount> rows = new ArrayList<>();
            while (rs.next())
                rows.add(new FeatureCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
            return rows;
        });
        return new DriverCounts(totals[0], totals[1], features);
    }

    @Override
    public RetentionTable retention(RetentionQuery query) {
        return RetentionTable.fromRows(query, longRows(RetentionSql.build(query, SqlDialect.DUCKDB), 3));
    }

    @Override
    public KpiSeries kpiSeries(KpiQuery query) {
        return KpiSeries.fromRows(query, longRows(KpiSql.build(query, SqlDialect.DUCKDB), 3));
    }

    private List<long[]> longRows(SqlStatement sql, int columns) {
        return query(sql, rs -> {
            List<long[]> rows = new ArrayList<>();
            while (rs.next()) {
                long[] row = new long[columns];
                for (int i = 0; i < columns; i++) row[i] = rs.getLong(i + 1);
                rows.add(row);
            }
            return rows;
        });
    }

    @Override
    public DropoffCounts dropoffs(DropoffQuery query, int step) {
        List<DropoffCounts.Segment> segments = query.segmentBy().isEmpty()
                ? List.of()
                : query(DropoffSql.segments(query, step, SqlDialect.DUCKDB), rs -> {
                    List<DropoffCounts.Segment> rows = new ArrayList<>();
                    while (rs.next())
                        rows.add(new DropoffCounts.Segment(
                                query.segmentBy().get(rs.getInt(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                    return rows;
                });
        List<DropoffCounts.Alternative> alternatives =
                query(DropoffSql.alternatives(query, step, SqlDialect.DUCKDB), rs -> {
                    List<DropoffCounts.Alternative> rows = new ArrayList<>();
                    while (rs.next())
                        rows.add(new DropoffCounts.Alternative(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                    return rows;
                });
        return new DropoffCounts(segments, alternatives);
    }

    @Override
    public StoredLocation insightsLocation() {
        return new StoredLocation(database.file().getFileName().toString(), "insights");
    }

    @Override
    public boolean insightExists(String insightId) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT 1 FROM insights WHERE insight_id = ?")) {
                statement.setString(1, insightId);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void insertInsight(InsightRecord record) {
        database.withConnection(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("INSERT OR REPLACE INTO insights (insight_id, created_at, type, "
                            + "title, summary, severity, confidence, range_days, context, recommendations, links, run_id, report_prefix) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::JSON, ?::JSON, ?::JSON, ?, ?)")) {
                statement.setString(1, record.insightId());
                statement.setObject(
                        2, record.createdAt().atOffset(ZoneOffset.UTC).toLocalDateTime());
                statement.setString(3, record.type());
                statement.setString(4, record.title());
                statement.setString(5, record.summary());
                statement.setString(6, record.severity());
                statement.setDouble(7, record.confidence());
                statement.setInt(8, record.rangeDays());
                statement.setString(9, record.context() == null ? null : Json.write(record.context()));
                statement.setString(10, Json.write(record.recommendations()));
                statement.setString(11, record.links() == null ? null : Json.write(record.links()));
                statement.setString(12, record.runId());
                statement.setString(13, record.reportPrefix());
                statement.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteInsight(String insightId) {
        database.withConnection(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("DELETE FROM insights WHERE insight_id = ?")) {
                statement.setString(1, insightId);
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** Runs a built statement with its parameters bound. */
    <T> T query(SqlStatement sql, ResultReader<T> reader) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
                bind(statement, sql.parameters());
                try (ResultSet rs = statement.executeQuery()) {
                    return reader.read(rs);
                }
            }
        });
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Long number) statement.setLong(i + 1, number);
            else if (value instanceof Double number) statement.setDouble(i + 1, number);
            else statement.setString(i + 1, (String) value);
        }
    }

    @Override
    public void close() {
        database.close();
    }

    @FunctionalInterface
    interface ResultReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
