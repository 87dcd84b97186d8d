package com.productos.supervisor.model;

import java.util.List;

/** What a provider sends: instructions, the conversation in provider-neutral form, and the tools. */
public record ModelRequest(String systemInstruction, List<TranscriptEntry> transcript, List<ToolSpec> tools) {
    public ModelRequest {
        transcript = List.copyOf(transcript);
        tools = List.copyOf(tools);
    }
}
