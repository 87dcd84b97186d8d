package com.productos.supervisor.model;

/**
 * One model behind the supervisor loop: Gemini on Vertex AI, an OpenAI-compatible endpoint, or the
 * offline planner. A provider makes exactly one attempt per call; retries, limits and cancellation
 * belong to the loop, so no client library sleeps or retries on its own.
 */
public interface ModelProvider extends AutoCloseable {
    /** offline, gemini or openai (the names of supervisor-protocol.json). */
    String providerName();

    String modelName();

    /**
     * The model's next step for the conversation so far.
     *
     * @throws ModelCallException when the attempt failed (HTTP status or no answer) or the answer is unusable
     * @throws InterruptedException when the waiting thread was interrupted by a cancel
     */
    ModelReply next(ModelRequest request) throws ModelCallException, InterruptedException;

    @Override
    default void close() {}
}
