package com.productos.rpc.protocol;

/** A model as the chat shows it: provider (offline, gemini, openai) and model name. */
public record ModelInfo(String provider, String name) {}
