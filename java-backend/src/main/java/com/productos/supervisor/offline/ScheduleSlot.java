package com.productos.supervisor.offline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "when" of a publish in a user's words, read against an injected clock and time zone: "now",
 * "in 2 hours", "tomorrow at 9", "today at 5:30pm", "at 14:00" (today, or tomorrow once that time has
 * passed). Anything else is no schedule, so the planner asks instead of guessing.
 */
public final class ScheduleSlot {
    private static final Pattern AT_TIME = Pattern.compile(
            "\\b(?:(today|tomorrow)\\s+)?(?:at\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?\\b(?!\\s*(?:days?|hours?|minutes?|%))");
    private static final Pattern DAY_THEN_TIME = Pattern.compile("\\b(today|tomorrow)\\b");
    private static final Pattern IN_DELTA =
            Pattern.compile("\\bin\\s+(\\d{1,3})\\s+(minute|minutes|hour|hours|day|days)\\b");
    private static final Pattern NOW = Pattern.compile("\\b(now|right away|immediately)\\b");

    private final Clock clock;
    private final ZoneId zone;

    public ScheduleSlot(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** What the text asks for. */
    public sealed interface When permits Now, At {}

    /** Publish at once. */
    public record Now() implements When {}

    /** Publish at this moment. */
    public record At(ZonedDateTime time) implements When {}

    public Optional<When> read(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        Matcher delta = IN_DELTA.matcher(lower);
        if (delta.find()) {
            long amount = Long.parseLong(delta.group(1));
            String unit = delta.group(2);
            return Optional.of(new At(
                    unit.startsWith("minute")
                            ? now.plusMinutes(amount)
                            : unit.startsWith("hour") ? now.plusHours(amount) : now.plusDays(amount)));
        }
        Matcher dayWord = DAY_THEN_TIME.matcher(lower);
        String day = dayWord.find() ? dayWord.group(1) : null;
        Matcher at = AT_TIME.matcher(lower);
        while (at.find()) {
            boolean saysAt =
                    at.group(0).contains("at ") || at.group(1) != null || at.group(4) != null || at.group(3) != null;
            if (!saysAt) continue;
            Optional<LocalTime> time = timeOf(Integer.parseInt(at.group(2)), at.group(3), at.group(4));
            if (time.isEmpty()) return Optional.empty();
            LocalDate date = now.toLocalDate();
            if ("tomorrow".equals(day)) {
                date = date.plusDays(1);
            } else if (day == null && !time.get().isAfter(now.toLocalTime())) {
                date = date.plusDays(1);
            }
            return Optional.of(new At(ZonedDateTime.of(date, time.get(), zone)));
        }
        if (NOW.matcher(lower).find()) return Optional.of(new Now());
        return Optional.empty();
    }

    private static Optional<LocalTime> timeOf(int hour, String minutes, String meridiem) {
        int minute = minutes == null ? 0 : Integer.parseInt(minutes);
        if (minute > 59) return Optional.empty();
        if (meridiem != null) {
            if (hour < 1 || hour > 12) return Optional.empty();
            hour = hour % 12 + (meridiem.equals("pm") ? 12 : 0);
        } else if (hour > 23) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(hour, minute));
    }
}
