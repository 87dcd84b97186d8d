package com.productos.marketing.generation;

/**
 * Turns a brief into channel posts that respect the channel limits and the brand's claims policy.
 * Implementations: the deterministic generator (embedded) and Gemini on Vertex AI.
 */
public interface PostGenerator {
    /** Short name for logs ("local", "gemini"). */
    String name();

    GenerationResult generate(GenerationRequest request) throws GenerationFailure;
}
