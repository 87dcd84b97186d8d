package com.productos.supervisor.model;

import java.util.List;

/**
 * A model's answer to one request: text for the person, calls to run, the tokens used, the
 * provider's finish reason, and the payload to echo back next time (see {@link TranscriptEntry.ModelTurn}).
 */
public record ModelReply(
        String text, List<ProposedCall> calls, TokenUsage usage, String finishReason, String providerPayload) {
    public ModelReply {
        calls = List.copyOf(calls);
        text = text == null ? "" : text;
    }

    public static ModelReply text(String text) {
        return new ModelReply(text, List.of(), TokenUsage.NONE, "STOP", null);
    }
}
