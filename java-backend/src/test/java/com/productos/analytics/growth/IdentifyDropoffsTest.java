package com.productos.analytics.growth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventKeys;
import com.productos.analytics.fixtures.AnalyticsToolFixture;
import com.productos.analytics.fixtures.SyntheticEvents;
import com.productos.analytics.funnel.ReferenceFunnel;
import com.productos.executors.ExecutorFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * growth.identify_dropoffs on the synthetic product (spring_promo planted to drop at signup) plus a
 * planted view_pricing that half the users who never sign up do, against per-user counts from the
 * reference funnel walk.
 */
class IdentifyDropoffsTest {
    static final Instant AS_OF = SyntheticEvents.START.plusSeconds(90L * 86400);

    @TempDir
    Path dir;

    AnalyticsToolFixture tool;

    @BeforeEach
    void start() {
        tool = new AnalyticsToolFixture("growth.identify_dropoffs", dir, AS_OF);
    }

    @AfterEach
    void stop() {
        tool.close();
    }

    JsonNode call(String input) throws ExecutorFailure {
        return tool.call(input);
    }

    /** The synthetic product plus view_pricing one minute after the first visit: 50% of users who never sign up, 5% of the rest. */
    static List<Event> events() {
        List<Event> events = new SyntheticEvents(5, 4000, 0).all();
        Set<String> signedUp = new HashSet<>();
        Map<String, Event> firstVisit = new HashMap<>();
        for (Event e : events) {
            if (e.eventName().equals("signup")) signedUp.add(e.userId());
            if (e.eventName().equals("visit"))
                firstVisit.merge(e.userId(), e, (a, b) -> a.timestamp().isBefore(b.timestamp()) ? a : b);
        }
        Random random = new Random(9);
        List<Event> planted = new ArrayList<>();
        for (Event visit : firstVisit.values()) {
            if (random.nextDouble() < (signedUp.contains(visit.userId()) ? 0.05 : 0.5)) {
                planted.add(new Event(
                        visit.userId(),
                        "view_pricing",
                        visit.timestamp().plusSeconds(60),
                        visit.properties(),
                        visit.userId() + "-pricing"));
            }
        }
        events.addAll(planted);
        return events;
    }

    @Test
    void theSignupStepThePromoSegmentAndThePricingDetourShouldBeFound() throws Exception {
        List<Event> events = events();
        tool.sink().insert(events);
        JsonNode output = call("""
                {"range_days": 90, "funnel": {"name": "buy", "steps": [{"event_name": "visit"}, {"event_name": "signup"},
                  {"event_name": "activate"}, {"event_name": "purchase"}]}, "segment_by": ["utm_campaign", "country", "plan"]}""");
        JsonNode worst = output.path("worst_step");
        assertEquals(2, worst.path("step").asInt(), output.toString());
        assertEquals("signup", worst.path("to_event").asString());

        // The reference: per-user furthest step by the plain walk, campaign from the user's visits.
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
        List<ReferenceFunnel.Step> steps = new ArrayList<>();
        for (String name : List.of("visit", "signup", "activate", "purchase"))
            steps.add(new ReferenceFunnel.Step(name, Map.of()));
        Map<String, Integer> reached = ReferenceFunnel.reachedPerUser(
                raw,
                steps,
                14L * 86_400_000_000L,
                EventKeys.epochMicros(AS_OF.minusSeconds(90L * 86400)),
                EventKeys.epochMicros(AS_OF));
        Map<String, String> campaign = new HashMap<>();
        Set<String> pricing = new HashSet<>();
        for (Event e : events) {
            if (e.eventName().equals("visit"))
                campaign.put(e.userId(), e.properties().path("utm_campaign").asString());
            if (e.eventName().equals("view_pricing")) pricing.add(e.userId());
        }
        long promoUsers = 0;
        long promoLost = 0;
        long pricingDroppers = 0;
        long pricingConverters = 0;
        for (Map.Entry<String, Integer> user : reached.entrySet()) {
            if (user.getValue() < 1) continue;
            boolean lost = user.getValue() == 1;
            if ("spring_promo".equals(campaign.get(user.getKey()))) {
                promoUsers++;
                if (lost) promoLost++;
            }
            if (pricing.contains(user.getKey())) {
                if (lost) pricingDroppers++;
                else pricingConverters++;
            }
        }
        List<JsonNode> segments = new ArrayList<>();
        output.path("segments").forEach(segments::add);
        assertEquals(1, segments.size(), "only the promo campaign is planted worse: " + output.path("segments"));
        assertEquals("utm_campaign", segments.get(0).path("property").asString());
        assertEquals("spring_promo", segments.get(0).path("value").asString());
        assertEquals(promoUsers, segments.get(0).path("users").asLong());
        assertEquals(promoLost, segments.get(0).path("lost").asLong());
        assertTrue(
                segments.get(0).path("loss_rate").asDouble() > 0.8
                        && segments.get(0).path("others_loss_rate").asDouble() < 0.5,
                output.toString());
        JsonNode top = output.path("alternatives").get(0);
        assertEquals(
                "view_pricing",
                top.path("event_name").asString(),
                output.path("alternatives").toString());
        assertEquals(pricingDroppers, top.path("droppers").asLong());
        assertEquals(pricingConverters, top.path("converters").asLong());
        for (JsonNode alternative : output.path("alternatives")) {
            assertTrue(
                    List.of("view_pricing", "view_docs", "open_settings")
                            .contains(alternative.path("event_name").asString()),
                    alternative.toString());
        }
    }

    @Test
    void badInputShouldBeRefusedWithEveryFieldNamed() {
        ExecutorFailure failure = assertThrows(
                ExecutorFailure.class,
                () -> tool.callUnchecked(
                        "{\"range_days\": 0, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"visit\"}]}, "
                                + "\"segment_by\": [\"bad key\"], \"min_segment_users\": 0}"));
        assertEquals(400, failure.httpStatus());
        for (String field : List.of("/range_days", "/funnel/steps", "/segment_by/0", "/min_segment_users")) {
            assertTrue(failure.getMessage().contains(field), failure.getMessage());
        }
    }
}
