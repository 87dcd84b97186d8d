package com.productos.marketing.plans;

import com.productos.marketing.channels.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * When each channel posts during a campaign: a cadence per channel (short-form networks more often),
 * the posts spread evenly over the period, each at the start of its hour.
 */
public final class PostingSchedule {
    private PostingSchedule() {}

    /** Posts a week on the channel. */
    static double postsPerWeek(Channel channel) {
        return switch (channel.wireName()) {
            case "x", "threads", "bluesky", "mastodon" -> 3;
            case "linkedin", "instagram" -> 2;
            default -> 1;
        };
    }

    public static int postCount(Channel channel, Duration length) {
        double weeks = length.toHours() / (24.0 * 7);
        return (int) Math.max(1, Math.ceil(weeks * postsPerWeek(channel) - 1e-9));
    }

    public static List<Instant> slots(Channel channel, Instant start, Duration length) {
        int count = postCount(channel, length);
        long stepSeconds = length.toSeconds() / count;
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(start.plusSeconds(stepSeconds * i + stepSeconds / 2).truncatedTo(ChronoUnit.HOURS));
        }
        return slots;
    }
}
