package com.productos.analytics.measure;

import com.productos.analytics.events.Event;
import com.productos.analytics.events.EventKeys;
import com.productos.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events of one campaign with a planted effect: a pre-period and a campaign period of equal length;
 * in the campaign period some users arrive through the campaign's links (their landing event carries
 * utm_campaign) and convert (landing -> signed_up -> upgraded) at {@code campaignRate}, everyone
 * else at {@code baseRate}. Each user's true outcome is drawn once, so the reference counts below are
 * known without any funnel logic.
 */
record PlantedCampaign(
        String tag,
        Instant start,
        Duration length,
        int campaignUsers,
        int otherUsers,
        int preUsers,
        double campaignRate,
        double baseRate,
        long seed) {

    static final List<String> STEPS = List.of("landing_viewed", "signed_up", "upgraded");

    /** What was generated, by group: users who entered and users who converted. */
    record Truth(
            long campaignEntered,
            long campaignConverted,
            long otherEntered,
            long otherConverted,
            long preEntered,
            long preConverted) {}

    Instant end() {
        return start.plus(length);
    }

    Truth writeTo(List<Event> events) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] campaign = group(events, random, "c", campaignUsers, campaignRate, start, true);
        long[] other = group(events, random, "o", otherUsers, baseRate, start, false);
        long[] pre = group(events, random, "p", preUsers, baseRate, start.minus(length), false);
        return new Truth(campaign[0], campaign[1], other[0], other[1], pre[0], pre[1]);
    }

    private long[] group(
            List<Event> events,
            SplittableRandom random,
            String prefix,
            int users,
            double rate,
            Instant from,
            boolean attributed) {
        long converted = 0;
        // Users arrive in the first half of the period, so a whole path fits in it.
        long halfMicros = length.toNanos() / 2_000;
        for (int u = 0; u < users; u++) {
            String user = tag + "-" + prefix + u;
            Instant landing = from.plusNanos(random.nextLong(halfMicros) * 1_000);
            ObjectNode properties = Json.object().put("path", "/");
            if (attributed) properties.put("utm_campaign", tag).put("utm_source", "x");
            add(events, user, STEPS.get(0), landing, properties);
            boolean converts = random.nextDouble() < rate;
            // Some users who do not convert still sign up: the last step is what counts.
            if (converts || random.nextDouble() < 0.4)
                add(events, user, STEPS.get(1), landing.plusSeconds(1), Json.object());
            if (converts) {
                add(events, user, STEPS.get(2), landing.plusSeconds(2), Json.object());
                converted++;
            }
        }
        return new long[] {users, converted};
    }

    private static void add(List<Event> events, String user, String name, Instant at, ObjectNode properties) {
        events.add(new Event(user, name, at, properties, EventKeys.derivedInsertId(user, name, at)));
    }

    String input(String insightId, int minUsers) {
        return "{\"campaign\": {\"campaign_id\": \"cmp_" + tag + "\", \"utm_campaign\": \"" + tag
                + "\", \"started_at\": \"" + start
                + "\", \"ended_at\": \"" + end() + "\"}, "
                + (insightId == null ? "" : "\"insight_id\": \"" + insightId + "\", ")
                + "\"min_users_per_group\": " + minUsers + ", \"funnel\": {\"name\": \"upgrade\", \"steps\": ["
                + "{\"event_name\": \"landing_viewed\"}, {\"event_name\": \"signed_up\"}, {\"event_name\": \"upgraded\"}]}}";
    }
}
