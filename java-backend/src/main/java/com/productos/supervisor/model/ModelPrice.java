package com.productos.supervisor.model;

/** Estimated list price of a model in dollars per million tokens, for the session's cost estimate and limits. */
public record ModelPrice(double inputUsdPerMillion, double outputUsdPerMillion) {
    public static final ModelPrice FREE = new ModelPrice(0, 0);

    public double costUsd(TokenUsage usage) {
        return usage.inputTokens() * inputUsdPerMillion / 1_000_000.0
                + usage.outputTokens() * outputUsdPerMillion / 1_000_000.0;
    }
}
