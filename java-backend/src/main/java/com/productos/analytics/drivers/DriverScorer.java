package com.productos.analytics.drivers;

import com.productos.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scores each candidate feature as PostHog's funnel correlation does: the odds ratio with add-one
 * smoothing, ((a+1)/(b+1)) / ((c+1)/(d+1)), where a/b are converted/other users with the feature
 * and c/d those without. Direction is positive above 1, negative below. Confidence is 1 - p of a
 * two-sided test of association on the 2x2 table ({@link AssociationTest}). Candidates seen in fewer
 * than min_support users, or missing in fewer than that (nothing to compare against), are skipped.
 */
public final class DriverScorer {
    private DriverScorer() {}

    /** The scored drivers, strongest first (by |log odds ratio|), and the candidates skipped with why. */
    public record Result(List<Driver> drivers, List<String> skipped) {}

    /** One scored driver. */
    public record Driver(
            String name,
            double oddsRatio,
            String direction,
            double confidence,
            String evidence,
            long usersWith,
            long convertedWith,
            long usersWithout,
            long convertedWithout) {
        public ObjectNode toOutput() {
            return Json.object()
                    .put("name", name)
                    .put("score", oddsRatio)
                    .put("direction", direction)
                    .put("evidence", evidence)
                    .put("confidence", confidence);
        }
    }

    public static Result score(DriverQuery query, DriverCounts counts, int maxDrivers) {
        List<Driver> drivers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        long n = counts.users();
        long converted = counts.convertedUsers();
        for (FeatureCount feature : counts.features()) {
            seen.add(feature.name());
            long a = feature.convertedUsers();
            long b = feature.users() - a;
            long c = converted - a;
            long d = (n - converted) - b;
            long without = c + d;
            if (feature.users() < query.minSupportUsers() || without < query.minSupportUsers()) {
                skipped.add(feature.name() + " (" + feature.users() + " users with it, " + without + " without; need "
                        + query.minSupportUsers() + " each)");
                continue;
            }
            double oddsRatio = ((a + 1.0) / (b + 1.0)) / ((c + 1.0) / (d + 1.0));
            String direction = oddsRatio > 1 ? "positive" : oddsRatio < 1 ? "negative" : "mixed";
            double confidence = Math.max(0, Math.min(1, 1 - AssociationTest.pValue(a, b, c, d)));
            String who =
                    feature.kind().equals(FeatureCount.EVENT) ? "did " + feature.feature() : "had " + feature.name();
            String evidence = String.format(
                    Locale.ROOT,
                    "%.1f%% of users who %s converted (%s of %,d), against %.1f%% of those who did not (%s of %,d); n=%,d",
                    100.0 * a / feature.users(),
                    who,
                    String.format(Locale.ROOT, "%,d", a),
                    feature.users(),
                    without == 0 ? 0.0 : 100.0 * c / without,
                    String.format(Locale.ROOT, "%,d", c),
                    without,
                    n);
            drivers.add(new Driver(
                    feature.name(), oddsRatio, direction, confidence, evidence, feature.users(), a, without, c));
        }
        if (query.candidateEvents().contains(query.targetEvent())) {
            skipped.add(query.targetEvent() + " (the target event is never its own driver)");
        }
        for (String event : query.candidateEvents()) {
            if (!seen.contains(event) && !event.equals(query.targetEvent()))
                skipped.add(event + " (seen in no user before converting)");
        }
        drivers.sort(Comparator.comparingDouble((Driver d) -> -Math.abs(Math.log(d.oddsRatio())))
                .thenComparing(Driver::name));
        return new Result(
                drivers.size() > maxDrivers ? List.copyOf(drivers.subList(0, maxDrivers)) : List.copyOf(drivers),
                List.copyOf(skipped));
    }
}
