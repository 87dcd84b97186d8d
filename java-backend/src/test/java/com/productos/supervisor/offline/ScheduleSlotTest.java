package com.productos.supervisor.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleSlotTest {
    /** Thursday 2026-12-03 10:15 in Paris (09:15 UTC). */
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final ScheduleSlot slot =
            new ScheduleSlot(Clock.fixed(Instant.parse("2026-12-03T09:15:00Z"), ZoneOffset.UTC), PARIS);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "publish them tomorrow at 9|2026-12-04T09:00+01:00[Europe/Paris]",
                "schedule it for tomorrow at 9am|2026-12-04T09:00+01:00[Europe/Paris]",
                "post tomorrow 5:30pm|2026-12-04T17:30+01:00[Europe/Paris]",
                "publish today at 5pm|2026-12-03T17:00+01:00[Europe/Paris]",
                "publish at 14:00|2026-12-03T14:00+01:00[Europe/Paris]",
                "publish at 8|2026-12-04T08:00+01:00[Europe/Paris]",
                "publish in 2 hours|2026-12-03T12:15+01:00[Europe/Paris]",
                "publish them in 3 days|2026-12-06T10:15+01:00[Europe/Paris]"
            })
    void timesShouldBeReadAgainstTheClock(String text, String expected) {
        assertEquals(Optional.of(new ScheduleSlot.At(ZonedDateTime.parse(expected))), slot.read(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish them now", "post it right away"})
    void nowShouldMeanAtOnce(String text) {
        assertEquals(Optional.of(new ScheduleSlot.Now()), slot.read(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"publish them", "publish at 25", "publish tomorrow at 13pm", "funnel for the last 30 days"})
    void noScheduleShouldBeGuessed(String text) {
        assertEquals(Optional.empty(), slot.read(text));
    }
}
