package com.productos.supervisor.session;

import java.time.Instant;

/** One model call of a session: which model, the tokens it used, its estimated cost and how it finished. */
public record ModelStepRecord(
        String sessionId,
        String turnId,
        String provider,
        String model,
        long inputTokens,
        long outputTokens,
        double costUsd,
        String finishReason,
        long elapsedMillis,
        Instant at) {}
