package com.productos.supervisor.session;

import java.time.Instant;

/**
 * A chat session as stored: its status, the model it talks to, usage so far, the process running
 * its turn (if any) and the state of a paused or running turn. Its
 * model-facing conversation is stored apart, one entry at a time ({@link SessionStore#transcript}).
 */
public record SessionRecord(
        String id,
        String title,
        SessionStatus status,
        Instant createdAt,
        Instant updatedAt,
        String provider,
        String model,
        long inputTokens,
        long outputTokens,
        double costUsd,
        long toolCalls,
        long modelSteps,
        String ownerId,
        String pendingJson) {

    public SessionRecord withStatus(SessionStatus next, String owner, Instant now) {
        return new SessionRecord(
                id,
                title,
                next,
                createdAt,
                now,
                provider,
                model,
                inputTokens,
                outputTokens,
                costUsd,
                toolCalls,
                modelSteps,
                owner,
                pendingJson);
    }

    public SessionRecord withState(String pending, Instant now) {
        return new SessionRecord(
                id,
                title,
                status,
                createdAt,
                now,
                provider,
                model,
                inputTokens,
                outputTokens,
                costUsd,
                toolCalls,
                modelSteps,
                ownerId,
                pending);
    }

    public SessionRecord withUsage(
            long addInput,
            long addOutput,
            double addCost,
            long addToolCalls,
            long addSteps,
            String nowProvider,
            String nowModel) {
        return new SessionRecord(
                id,
                title,
                status,
                createdAt,
                updatedAt,
                nowProvider,
                nowModel,
                inputTokens + addInput,
                outputTokens + addOutput,
                costUsd + addCost,
                toolCalls + addToolCalls,
                modelSteps + addSteps,
                ownerId,
                pendingJson);
    }
}
