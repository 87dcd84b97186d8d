package com.productos.analytics;

import com.productos.analytics.events.EventKeys;
import com.productos.registry.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The period a question is about: the {@code rangeDays} days of event time up to and including
 * {@code asOf}, i.e. events with {@code asOf - rangeDays*24h <= timestamp <= asOf}. {@code as_of}
 * defaults to now; giving it lets a person ask about any past period and makes answers reproducible.
 * A campaign's period is not a whole number of days, so {@code span} may be any length; for a
 * range given in days it is {@code rangeDays} days.
 */
public record TimeRange(int rangeDays, Instant asOf, Duration span) {
    public TimeRange(int rangeDays, Instant asOf) {
        this(rangeDays, asOf, Duration.ofDays(rangeDays));
    }

    /** The events with {@code from <= timestamp <= to}; rangeDays is the span rounded up to whole days. */
    public static TimeRange between(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        int days = (int) Math.max(1, (span.toSeconds() + 86_399) / 86_400);
        return new TimeRange(days, to, span);
    }

    public Instant from() {
        return asOf.minus(span);
    }

    public long fromMicros() {
        return EventKeys.epochMicros(from());
    }

    public long toMicros() {
        return EventKeys.epochMicros(asOf);
    }

    /** Reads {@code range_days} (1..365) and the optional {@code as_of} (ISO-8601 with offset) of a tool input. */
    public static TimeRange parse(JsonNode input, Clock clock, List<FieldError> errors) {
        JsonNode days = input.path("range_days");
        int rangeDays = 0;
        if (!days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > 365) {
            errors.add(new FieldError("/range_days", "must be a whole number of days from 1 to 365"));
        } else {
            rangeDays = days.asInt();
        }
        Instant asOf = clock.instant();
        JsonNode asOfNode = input.path("as_of");
        if (!asOfNode.isMissingNode() && !asOfNode.isNull()) {
            try {
                asOf = OffsetDateTime.parse(asOfNode.asString()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(
                        "/as_of", "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T00:00:00Z"));
            }
        }
        return new TimeRange(rangeDays, asOf);
    }
}
