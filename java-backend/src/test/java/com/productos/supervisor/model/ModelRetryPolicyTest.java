package com.productos.supervisor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelRetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
    private final ModelRetryPolicy policy = ModelRetryPolicy.defaults(() -> 0.5);

    @Test
    void backoffShouldDoubleWithJitterAndStopAfterTheLastAttempt() {
        assertEquals(Optional.of(Duration.ofMillis(250)), policy.delayBeforeRetry(1, 503, null, NOW));
        assertEquals(Optional.of(Duration.ofMillis(500)), policy.delayBeforeRetry(2, 500, null, NOW));
        assertEquals(
                Optional.of(Duration.ofMillis(1000)),
                policy.delayBeforeRetry(3, ModelRetryPolicy.NO_RESPONSE, null, NOW));
        assertEquals(Optional.empty(), policy.delayBeforeRetry(4, 503, null, NOW));
    }

    @Test
    void delayShouldNeverPassTheCap() {
        ModelRetryPolicy many = new ModelRetryPolicy(
                50, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30), () -> 0.999);
        assertEquals(Optional.of(Duration.ofMillis(7992)), many.delayBeforeRetry(40, 429, null, NOW));
    }

    @Test
    void clientErrorsOtherThanRateLimitsShouldNotBeRetried() {
        assertEquals(Optional.empty(), policy.delayBeforeRetry(1, 400, null, NOW));
        assertEquals(Optional.empty(), policy.delayBeforeRetry(1, 401, "1", NOW));
    }

    @Test
    void retryAfterShouldBeHonouredInSecondsOrAsADate() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), policy.delayBeforeRetry(1, 429, "3", NOW));
        assertEquals(
                Optional.of(Duration.ofSeconds(7)),
                policy.delayBeforeRetry(1, 503, "Thu, 03 Dec 2026 09:00:07 GMT", NOW));
        assertEquals(Optional.of(Duration.ofMillis(250)), policy.delayBeforeRetry(1, 429, "soon", NOW));
    }

    @Test
    void aRetryAfterLongerThanATurnWaitsShouldEndTheRetries() {
        assertEquals(Optional.empty(), policy.delayBeforeRetry(1, 429, "120", NOW));
    }
}
