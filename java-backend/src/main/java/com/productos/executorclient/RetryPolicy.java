package com.productos.executorclient;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed executor call is repeated: at most {@code maxAttempts}
 * tries, waits growing from {@code initialBackoff} by doubling up to {@code maxBackoff}, with
 * "equal jitter" (half fixed, half random) so clients that failed together do not retry together.
 * The call's own deadline bounds the total as well.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before attempt {@code nextAttempt} (2 for the first retry). */
    public long backoffMillis(int nextAttempt) {
        long ceiling = initialBackoff.toMillis() << Math.min(30, Math.max(0, nextAttempt - 2));
        long capped = Math.min(maxBackoff.toMillis(), ceiling);
        long half = capped / 2;
        return half + (capped - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped - half + 1));
    }
}
