package com.productos.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How the control plane proves itself to an executor: a shared bearer token (embedded executors and
 * self-hosted ones), a Google-signed ID token whose audience is the executor URL (Cloud Run), or none.
 */
public enum ExecutorAuth {
    BEARER,
    GOOGLE_ID_TOKEN,
    NONE;

    public static Optional<ExecutorAuth> parse(String text) {
        for (ExecutorAuth auth : values()) {
            if (auth.name().toLowerCase(Locale.ROOT).equals(text)) return Optional.of(auth);
        }
        return Optional.empty();
    }
}
