package com.productos.supervisor.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When to call a model again after a failed attempt. It replaces the client libraries' own retries
 * (google-genai retries five times and sleeps on its own), so a cancel or a turn's limits are never
 * stuck behind a sleep nobody controls: bounded attempts, exponential backoff with full jitter, and
 * a server's Retry-After honoured unless it asks for longer than a turn should wait.
 */
public final class ModelRetryPolicy {
    /** The status given for an attempt that got no HTTP answer (refused connection, timeout). */
    public static final int NO_RESPONSE = 0;

    private static final Set<Integer> RETRYABLE = Set.of(NO_RESPONSE, 408, 429, 500, 502, 503, 504);

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), injected so tests can pin the jitter */
    public ModelRetryPolicy(
            int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, DoubleSupplier random) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** Four attempts, 0.5 s doubling to at most 8 s, Retry-After up to 30 s. */
    public static ModelRetryPolicy defaults(DoubleSupplier random) {
        return new ModelRetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30), random);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * How long to wait before the next attempt, or empty to stop and report the error.
     *
     * @param attemptsMade attempts so far, at least 1
     * @param status the HTTP status of the last attempt, or {@link #NO_RESPONSE}
     * @param retryAfter the last answer's Retry-After header (seconds or an HTTP date), or null
     */
    public Optional<Duration> delayBeforeRetry(int attemptsMade, int status, String retryAfter, Instant now) {
        if (attemptsMade >= maxAttempts || !RETRYABLE.contains(status)) return Optional.empty();
        Optional<Duration> asked = parseRetryAfter(retryAfter, now);
        if (asked.isPresent()) {
            return asked.get().compareTo(maxRetryAfter) > 0 ? Optional.empty() : asked;
        }
        long ceilingMillis = baseDelay.toMillis() << Math.min(attemptsMade - 1, 20);
        long cappedMillis = Math.min(maxDelay.toMillis(), ceilingMillis);
        return Optional.of(Duration.ofMillis((long) (random.getAsDouble() * cappedMillis)));
    }

    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) return Optional.empty();
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
