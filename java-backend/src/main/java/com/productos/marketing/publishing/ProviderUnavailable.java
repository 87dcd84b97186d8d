package com.productos.marketing.publishing;

/** The provider could not be reached or kept answering 429/5xx after the bounded retries. */
public final class ProviderUnavailable extends Exception {
    public ProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
