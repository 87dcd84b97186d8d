package com.productos.marketing.plans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.productos.marketing.channels.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtmLinkTest {
    @Test
    void parametersShouldBeAddedAfterAnExistingQueryAndBeforeAFragment() {
        assertEquals(
                "https://a.example/teams?utm_source=x&utm_medium=social&utm_campaign=spring-1",
                UtmLink.tagged("https://a.example/teams", "x", "social", "spring-1"));
        assertEquals(
                "https://a.example/?ref=1&utm_source=linkedin&utm_medium=social&utm_campaign=c%26d#pricing",
                UtmLink.tagged("https://a.example/?ref=1#pricing", "linkedin", "social", "c&d"));
    }

    @Test
    void aSlugShouldBeLowerCaseWordsJoinedByHyphensAndCutAtAWordEdge() {
        assertEquals("sign-ups-drop-at-step-2", UtmLink.slug("Sign-ups drop at step 2!", 40));
        assertEquals("invite", UtmLink.slug("Invite teammates", 7));
        assertEquals("campaign", UtmLink.slug("!!!", 40));
    }

    @Test
    void postsShouldBeSpreadOverThePeriodAtTheChannelsCadence() {
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        List<Instant> x = PostingSchedule.slots(Channel.X, start, Duration.ofDays(14));
        assertEquals(6, x.size());
        // 14 days over 6 posts is one every 56 h, the first half a step (28 h) in.
        assertEquals(Instant.parse("2026-03-03T13:00:00Z"), x.get(0));
        assertEquals(
                4,
                PostingSchedule.slots(Channel.LINKEDIN, start, Duration.ofDays(14))
                        .size());
        assertEquals(
                1,
                PostingSchedule.slots(Channel.REDDIT, start, Duration.ofDays(1)).size());
    }
}
