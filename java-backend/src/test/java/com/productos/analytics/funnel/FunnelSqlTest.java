package com.productos.analytics.funnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.TimeRange;
import com.productos.analytics.duckdb.DuckDbDatabase;
import com.productos.analytics.duckdb.DuckDbWarehouse;
import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventKeys;
import com.productos.analytics.fixtures.SyntheticEvents;
import com.productos.analytics.sql.PropertyFilter;
import com.productos.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class FunnelSqlTest {
    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    DuckDbWarehouse warehouse;
    List<Event> stored = new ArrayList<>();

    @BeforeEach
    void open() {
        warehouse = new DuckDbWarehouse(DuckDbDatabase.open(dir.resolve("events.duckdb")));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    void store(List<Event> events) {
        warehouse.insert(events);
        stored.addAll(events);
    }

    static Event event(String user, String name, long minutes) {
        return event(user, name, minutes, null);
    }

    static Event event(String user, String name, long minutes, ObjectNode props) {
        Instant at = T0.plusSeconds(minutes * 60);
        return new Event(
                user,
                name,
                at,
                props,
                EventKeys.derivedInsertId(user, name, at)
                        + (props == null ? "" : Json.write(props).hashCode()));
    }

    static Event withId(Event event, String insertId) {
        return new Event(event.userId(), event.eventName(), event.timestamp(), event.properties(), insertId);
    }

    static FunnelQuery funnel(
            int windowDays, Instant asOf, int rangeDays, PropertyFilter segment, FunnelStep... steps) {
        return new FunnelQuery("f", List.of(steps), segment, windowDays, new TimeRange(rangeDays, asOf));
    }

    static FunnelStep step(String name) {
        return new FunnelStep(name, PropertyFilter.NONE);
    }

    /** The warehouse's counts, after checking that the SQL BigQuery runs and the independent loop give exactly the same. */
    long[] bothCounts(FunnelQuery query) {
        long[] walk = warehouse.funnel(query).usersPerStep().stream()
                .mapToLong(Long::longValue)
                .toArray();
        long[] sql = warehouse.funnelBySql(query).usersPerStep().stream()
                .mapToLong(Long::longValue)
                .toArray();
        long[] reference = ReferenceFunnel.count(
                raw(stored),
                referenceSteps(query),
                referenceFilter(query.segment()),
                query.conversionWindowMicros(),
                query.range().fromMicros(),
                query.range().toMicros());
        assertArrayEquals(reference, walk, "the streaming walk and the per-user loop disagree");
        assertArrayEquals(reference, sql, "the funnel SQL and the per-user loop disagree");
        return walk;
    }

    static List<ReferenceFunnel.Raw> raw(List<Event> events) {
        List<ReferenceFunnel.Raw> raw = new ArrayList<>();
        for (Event e : events) {
            Map<String, String> props = new HashMap<>();
            if (e.properties() != null)
                e.properties()
                        .properties()
                        .forEach(p -> props.put(p.getKey(), p.getValue().asString()));
            raw.add(new ReferenceFunnel.Raw(
                    e.userId(), e.eventName(), EventKeys.epochMicros(e.timestamp()), props, e.insertId()));
        }
        return raw;
    }

    static List<ReferenceFunnel.Step> referenceSteps(FunnelQuery query) {
        List<ReferenceFunnel.Step> steps = new ArrayList<>();
        for (FunnelStep step : query.steps())
            steps.add(new ReferenceFunnel.Step(step.eventName(), referenceFilter(step.filter())));
        return steps;
    }

    static Map<String, Set<String>> referenceFilter(PropertyFilter filter) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        filter.allowedValues().forEach((k, v) -> map.put(k, Set.copyOf(v)));
        return map;
    }

    @Nested
    class Semantics {
        final Instant asOf = T0.plusSeconds(30L * 86400);

        @Test
        void stepsShouldCountOnlyInOrderAndWithinTheWindow() {
            store(List.of(
                    event("a", "visit", 0),
                    event("a", "signup", 10),
                    event("a", "pay", 20),
                    event("b", "signup", 0),
                    event("b", "visit", 10),
                    event("b", "pay", 20),
                    event("c", "visit", 0),
                    event("c", "signup", 14L * 24 * 60),
                    event("c", "pay", 14L * 24 * 60 + 1),
                    event("d", "pay", 0)));
            // c's signup is exactly 14 days after the visit (inclusive), its pay one minute too late.
            assertArrayEquals(
                    new long[] {3, 2, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"), step("pay"))));
        }

        @Test
        void aLaterStepOneShouldStartABetterPath() {
            store(List.of(
                    event("a", "visit", 0), event("a", "visit", 20L * 24 * 60), event("a", "signup", 21L * 24 * 60)));
            assertArrayEquals(
                    new long[] {1, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"))));
        }

        @Test
        void sameTimestampShouldCountAndOneEventShouldNeverFillTwoSteps() {
            store(List.of(
                    event("a", "visit", 5),
                    event("a", "signup", 5),
                    event("b", "visit", 0),
                    event("c", "visit", 0),
                    event("c", "visit", 3)));
            assertArrayEquals(
                    new long[] {3, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"))));
            assertArrayEquals(
                    new long[] {3, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("visit"))));
        }

        @Test
        void eventsAtTheSameInstantShouldBeTakenInStepOrder() {
            ObjectNode pro = Json.object().put("plan", "pro");
            ObjectNode free = Json.object().put("plan", "free");
            // Both visits at one instant: the free one can only be step 1, the pro one can be step 1 or 2.
            store(List.of(
                    event("a", "visit", 0, pro),
                    event("a", "visit", 0, free),
                    event("b", "signup", 0),
                    event("b", "visit", 0)));
            FunnelStep proVisit = new FunnelStep("visit", new PropertyFilter(Map.of("plan", List.of("pro"))));
            assertArrayEquals(
                    new long[] {2, 1}, bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), proVisit)));
            assertArrayEquals(
                    new long[] {2, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"))));
        }

        @Test
        void sameInstantEventsShouldFillTheNextStepWhicheverStepTheyMatchFirst() {
            // x1, x2 (both visit) and y (signup) at one instant: x1 takes step 1, y step 2, x2 step 3.
            store(List.of(event("a", "visit", 0), event("a", "signup", 0), withId(event("a", "visit", 0), "a-x2")));
            assertArrayEquals(
                    new long[] {1, 1, 1},
                    bothCounts(
                            funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"), step("visit"))));
            // With one visit only, the visit already on the path cannot be step 3 too.
            store(List.of(event("b", "visit", 0), event("b", "signup", 0)));
            assertArrayEquals(
                    new long[] {2, 2, 1},
                    bothCounts(
                            funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"), step("visit"))));
        }

        @Test
        void aSplitInstantShouldNotReuseAnEventAlreadyOnThePath() {
            ObjectNode pro = Json.object().put("plan", "pro");
            // p (pro visit) matches steps 1 and 3; f (any visit, plan free) only step 1; s is signup. At one
            // instant: by mask f (step 1 only) comes first, so f takes step 1, s step 2 and p step 3.
            store(List.of(
                    event("a", "visit", 0, pro),
                    event("a", "visit", 0, Json.object().put("plan", "free")),
                    event("a", "signup", 0)));
            FunnelStep proVisit = new FunnelStep("visit", new PropertyFilter(Map.of("plan", List.of("pro"))));
            assertArrayEquals(
                    new long[] {1, 1, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"), proVisit)));
            // Only the pro visit and a signup: p takes step 1 and cannot come back as step 3.
            store(List.of(event("b", "visit", 0, pro), event("b", "signup", 0)));
            assertArrayEquals(
                    new long[] {2, 2, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"), proVisit)));
        }

        @Test
        void sameStepEventsAtOneInstantShouldBeTakenOneAfterTheOther() {
            // Two identical visits at one instant after an earlier one: taken in turn (not split), so the
            // second extends the path the first moved to step 2 and reaches step 3 of visit, visit, visit.
            store(List.of(event("a", "visit", 0), event("a", "visit", 5), withId(event("a", "visit", 5), "a-v2")));
            assertArrayEquals(
                    new long[] {1, 1, 1},
                    bothCounts(
                            funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("visit"), step("visit"))));
            // A signup at that instant splits it when the funnel has a signup step: then the visits at 5 are
            // taken step by step (one enters step 1 anew, the other step 2) and neither can be step 3.
            store(List.of(event("a", "signup", 5)));
            assertArrayEquals(
                    new long[] {1, 1, 0, 0},
                    bothCounts(funnel(
                            14,
                            asOf,
                            365,
                            PropertyFilter.NONE,
                            step("visit"),
                            step("visit"),
                            step("visit"),
                            step("signup"))));
            // Events matching no step do not split an instant.
            assertArrayEquals(
                    new long[] {1, 1, 1},
                    bothCounts(
                            funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("visit"), step("visit"))));
        }

        @Test
        void eachUserShouldCountOncePerStep() {
            store(List.of(
                    event("a", "visit", 0), event("a", "signup", 1), event("a", "visit", 2), event("a", "signup", 3)));
            assertArrayEquals(
                    new long[] {1, 1},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), step("signup"))));
        }

        @Test
        void rangeShouldBeCountedBackFromAsOf() {
            store(List.of(
                    event("a", "visit", 0),
                    event("a", "signup", 10),
                    event("b", "visit", 3L * 24 * 60),
                    event("b", "signup", 3L * 24 * 60 + 1)));
            Instant asOf = T0.plusSeconds(5L * 86400);
            assertArrayEquals(
                    new long[] {1, 1},
                    bothCounts(funnel(14, asOf, 3, PropertyFilter.NONE, step("visit"), step("signup"))));
            assertArrayEquals(
                    new long[] {2, 2},
                    bothCounts(funnel(14, asOf, 5, PropertyFilter.NONE, step("visit"), step("signup"))));
            assertArrayEquals(
                    new long[] {0, 0},
                    bothCounts(funnel(14, T0.minusSeconds(1), 30, PropertyFilter.NONE, step("visit"), step("signup"))));
        }

        @Test
        void filtersAndSegmentsShouldMatchPropertiesByEqualityAndInList() {
            ObjectNode pro = Json.object().put("plan", "pro").put("seats", 3);
            ObjectNode free = Json.object().put("plan", "free").put("seats", 1);
            store(List.of(
                    event("a", "visit", 0, pro),
                    event("a", "signup", 1, pro),
                    event("b", "visit", 0, free),
                    event("b", "signup", 1, free),
                    event("c", "visit", 0),
                    event("c", "signup", 1, Json.object().put("plan", "team"))));
            PropertyFilter proOrTeam = new PropertyFilter(Map.of("plan", List.of("pro", "team")));
            FunnelStep filteredSignup = new FunnelStep("signup", proOrTeam);
            assertArrayEquals(
                    new long[] {3, 2},
                    bothCounts(funnel(14, asOf, 365, PropertyFilter.NONE, step("visit"), filteredSignup)));
            PropertyFilter threeSeats = new PropertyFilter(Map.of("seats", List.of("3")));
            assertArrayEquals(
                    new long[] {1, 1}, bothCounts(funnel(14, asOf, 365, threeSeats, step("visit"), step("signup"))));
        }

        @Test
        void unknownEventNamesShouldGiveZeroCounts() {
            store(List.of(event("a", "visit", 0)));
            FunnelCounts counts =
                    warehouse.funnel(funnel(14, asOf, 365, PropertyFilter.NONE, step("nope"), step("never")));
            assertEquals(List.of(0L, 0L), counts.usersPerStep());
            assertEquals(0.0, counts.conversionFromPrevious(1));
            assertEquals(1.0, counts.conversionFromPrevious(0));
        }
    }

    /** Many events on few instants, few names, repeated steps: where the same-instant rules decide the counts. */
    @Nested
    class Ties {
        final Instant asOf = T0.plusSeconds(30L * 86400);

        @Test
        void randomTiedEventsShouldBeCountedAlikeByAllThree() {
            java.util.Random random = new java.util.Random(7);
            String[] names = {"a", "b", "c"};
            List<Event> events = new ArrayList<>();
            for (int u = 0; u < 600; u++) {
                int count = 1 + random.nextInt(9);
                for (int e = 0; e < count; e++) {
                    ObjectNode props = random.nextBoolean()
                            ? Json.object().put("plan", random.nextBoolean() ? "pro" : "free")
                            : null;
                    // Minutes 0..3 or a day later: many events share an instant, some fall outside a 1-day window.
                    long minute = random.nextInt(4) + (random.nextInt(4) == 0 ? 24L * 60 + random.nextInt(2) : 0);
                    events.add(withId(event("u" + u, names[random.nextInt(3)], minute, props), "u" + u + "-" + e));
                }
            }
            store(events);
            FunnelStep proA = new FunnelStep("a", new PropertyFilter(Map.of("plan", List.of("pro"))));
            List<FunnelStep[]> funnels = List.of(
                    new FunnelStep[] {step("a"), step("b"), step("a")},
                    new FunnelStep[] {step("a"), step("a"), step("b")},
                    new FunnelStep[] {step("b"), step("a"), step("b"), step("a")},
                    new FunnelStep[] {step("a"), step("a"), step("a"), step("a")},
                    new FunnelStep[] {step("a"), step("b"), proA, step("c")},
                    new FunnelStep[] {proA, step("a"), step("b"), step("c"), step("a")},
                    // Beyond FunnelSql.PACKED_MAX_STEPS the walk reads time and mask as two columns.
                    java.util.stream.IntStream.range(0, 19)
                            .mapToObj(i -> step(names[i % 2]))
                            .toArray(FunnelStep[]::new));
            boolean ruleMatters = false;
            for (FunnelStep[] steps : funnels) {
                for (int window : new int[] {1, 2}) {
                    long[] counts = bothCounts(funnel(window, asOf, 365, PropertyFilter.NONE, steps));
                    ruleMatters |= counts[counts.length - 1] > 0;
                }
            }
            assertTrue(ruleMatters, "some funnel should reach its last step");
        }
    }

    @Nested
    class Synthetic {
        final Instant asOf = SyntheticEvents.START.plusSeconds(90L * 86400);

        @BeforeEach
        void load() {
            store(new SyntheticEvents(42, 3000, 3).all());
        }

        @Test
        void sqlShouldMatchTheIndependentLoopOnManyFunnels() {
            for (int window : new int[] {1, 7, 14, 30}) {
                for (int range : new int[] {20, 45, 90}) {
                    bothCounts(funnel(
                            window,
                            asOf,
                            range,
                            PropertyFilter.NONE,
                            step("visit"),
                            step("signup"),
                            step("activate"),
                            step("purchase")));
                }
            }
            bothCounts(funnel(14, asOf, 90, PropertyFilter.NONE, step("visit"), step("visit"), step("signup")));
            bothCounts(funnel(
                    14,
                    asOf,
                    90,
                    new PropertyFilter(Map.of("country", List.of("DE", "FR"))),
                    new FunnelStep("visit", new PropertyFilter(Map.of("plan", List.of("pro")))),
                    step("view_docs"),
                    step("purchase")));
        }

        @Test
        void theCampaignPlantedToDropAtStepTwoShouldShowIt() {
            PropertyFilter promo = new PropertyFilter(Map.of("utm_campaign", List.of("spring_promo")));
            PropertyFilter others = new PropertyFilter(Map.of("utm_campaign", List.of("brand", "none")));
            long[] promoCounts = bothCounts(funnel(14, asOf, 90, promo, step("visit"), step("signup")));
            long[] otherCounts = bothCounts(funnel(14, asOf, 90, others, step("visit"), step("signup")));
            double promoRate = (double) promoCounts[1] / promoCounts[0];
            double otherRate = (double) otherCounts[1] / otherCounts[0];
            assertTrue(promoRate < 0.25 && otherRate > 0.5, promoRate + " vs " + otherRate);
        }
    }
}
