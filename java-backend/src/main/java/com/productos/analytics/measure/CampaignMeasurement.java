package com.productos.analytics.measure;

import com.productos.analytics.AnalyticsWarehouse;
import com.productos.analytics.TimeRange;
import com.productos.analytics.funnel.FunnelQuery;
import com.productos.analytics.sql.PropertyFilter;
import java.util.List;
import java.util.Map;

/**
 * Measures a campaign on the warehouse with three funnel queries: the campaign's period for users
 * attributed to it (an event in the period carries the campaign's tag), the same period for everyone,
 * and the period just before. Unattributed users are everyone less the attributed, step by step:
 * a funnel counts each user once per step and the segment splits users in two, so the subtraction is
 * exact. The headline compares against unattributed users of the same period, which shares the
 * period's season and traffic; the pre-period comparison says whether the picture holds over time.
 */
public final class CampaignMeasurement {
    private CampaignMeasurement() {}

    /** The outcome: the three groups and the two comparisons, headline first. */
    public record Result(
            CampaignMeasureQuery query,
            GroupConversion attributed,
            GroupConversion unattributed,
            GroupConversion prePeriod,
            List<Comparison> comparisons) {
        public Comparison headline() {
            return comparisons.get(0);
        }
    }

    public static Result measure(AnalyticsWarehouse warehouse, CampaignMeasureQuery query) {
        TimeRange period = TimeRange.between(query.startedAt(), query.endedAt());
        // The pre-period stops one microsecond before the start: ranges include both ends.
        TimeRange before = TimeRange.between(query.preStart(), query.startedAt().minusNanos(1_000));
        PropertyFilter tagged =
                new PropertyFilter(Map.of(query.attributionProperty(), List.of(query.attributionValue())));
        GroupConversion attributed = count(warehouse, query, tagged, period, "campaign_attributed");
        GroupConversion everyone = count(warehouse, query, PropertyFilter.NONE, period, "everyone");
        GroupConversion unattributed = everyone.minus("unattributed_same_period", attributed);
        GroupConversion prePeriod = count(warehouse, query, PropertyFilter.NONE, before, "pre_period");
        List<Comparison> comparisons = List.of(
                Comparison.of(
                        "unattributed_same_period",
                        attributed,
                        unattributed,
                        query.minUsersPerGroup(),
                        query.confidence()),
                Comparison.of("pre_period", attributed, prePeriod, query.minUsersPerGroup(), query.confidence()));
        return new Result(query, attributed, unattributed, prePeriod, comparisons);
    }

    private static GroupConversion count(
            AnalyticsWarehouse warehouse,
            CampaignMeasureQuery query,
            PropertyFilter segment,
            TimeRange range,
            String group) {
        FunnelQuery funnel =
                new FunnelQuery(query.funnelName(), query.steps(), segment, query.conversionWindowDays(), range);
        return new GroupConversion(group, warehouse.funnel(funnel).usersPerStep());
    }
}
