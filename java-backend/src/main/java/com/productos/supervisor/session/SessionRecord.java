package com.productos.supervisor.session;

import java.time.Instant;

/**
 * A chat session as stored: its status, the model it talks to, usage so far, the process running
 * its turn (if any), the model-facing conversation and the state of a paused or running turn.
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
        String transcriptJson,
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
                transcriptJson,
                pendingJson);
    }

    public SessionRecord withState(String transcript, String pending, Instant now) {
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
                transcript,
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
                transcriptJson,
                pendingJson);
    }
}
