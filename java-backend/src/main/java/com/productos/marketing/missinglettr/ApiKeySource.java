package com.productos.marketing.missinglettr;

/**
 * Where the Missinglettr API key comes from: a local secret file or Secret Manager. The key is a
 * secret: implementations never log it, put it in an exception message, or store it anywhere.
 */
public interface ApiKeySource {
    /** The key, read when first needed. */
    String apiKey() throws ApiKeyUnavailable;

    /** Where the key is kept, for messages: a path or a secret name, never the key. */
    String describe();

    /** The key could not be read; the message names the source and what to do, never the key. */
    final class ApiKeyUnavailable extends Exception {
        public ApiKeyUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
