package com.productos.marketing.generation;

/** The generator could not produce posts (the model is unreachable or kept answering off-contract). */
public final class GenerationFailure extends Exception {
    public GenerationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
