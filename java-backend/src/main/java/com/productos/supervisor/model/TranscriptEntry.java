package com.productos.supervisor.model;

import java.util.List;

/** One entry of a conversation as the loop keeps it, whatever the provider. */
public sealed interface TranscriptEntry {
    /** The person's words (or a note from the loop to the model, such as a malformed-call retry). */
    record UserText(String text) implements TranscriptEntry {}

    /**
     * A model step: its text, its calls, and what the provider needs echoed back verbatim on the next
     * request (Gemini's content with thought signatures), as provider-owned JSON text.
     */
    record ModelTurn(String text, List<ProposedCall> calls, String providerName, String providerPayload)
            implements TranscriptEntry {
        public ModelTurn {
            calls = List.copyOf(calls);
        }
    }

    /** The answers to every call of the model step before it, in the order of the calls. */
    record ToolResults(List<ToolResult> results) implements TranscriptEntry {
        public ToolResults {
            results = List.copyOf(results);
        }
    }
}
