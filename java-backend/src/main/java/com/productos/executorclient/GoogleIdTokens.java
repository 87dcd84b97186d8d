package com.productos.executorclient;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.IdToken;
import com.google.auth.oauth2.IdTokenCredentials;
import com.google.auth.oauth2.IdTokenProvider;
import com.productos.common.KnownSecrets;
import com.productos.config.ProductOsConfig;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google-signed ID tokens for executors behind Cloud Run IAM, one per audience (the executor's base
 * URL). Credentials come from {@code google.credentials_file} in config.yaml, else from
 * GOOGLE_APPLICATION_CREDENTIALS, else from Application Default Credentials (gcloud or the metadata
 * server). The library caches each token and refreshes it shortly before it expires.
 */
public final class GoogleIdTokens {
    public static final String CREDENTIALS_FILE_KEY = "google.credentials_file";
    private static final String CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS";
    private final ProductOsConfig config;
    private final Map<String, IdTokenCredentials> byAudience = new ConcurrentHashMap<>();
    private volatile IdTokenProvider provider;

    public GoogleIdTokens(ProductOsConfig config) {
        this.config = config;
    }

    /** A valid ID token for {@code audience}; blocks while fetching one. Never logs the token. */
    public String idToken(String audience) {
        IdTokenCredentials credentials = byAudience.computeIfAbsent(
                audience,
                target -> IdTokenCredentials.newBuilder()
                        .setIdTokenProvider(provider())
                        .setTargetAudience(target)
                        .build());
        try {
            credentials.refreshIfExpired();
            IdToken token = credentials.getIdToken();
            if (token == null) throw new IOException("no ID token was issued");
            KnownSecrets.add(token.getTokenValue());
            return token.getTokenValue();
        } catch (IOException | RuntimeException e) {
            throw failure("could not get a Google ID token for " + audience + " from " + source() + ": "
                    + ExecutorAnswers.redact(String.valueOf(e.getMessage()), null)
                    + "; check that the credential is valid and may mint ID tokens");
        }
    }

    private IdTokenProvider provider() {
        IdTokenProvider current = provider;
        if (current != null) return current;
        synchronized (this) {
            if (provider == null) provider = load();
            return provider;
        }
    }

    private IdTokenProvider load() {
        GoogleCredentials credentials;
        Path file = configuredFile();
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                credentials = GoogleCredentials.fromStream(in);
            } catch (NoSuchFileException e) {
                throw failure("the Google credentials file " + file + " (" + source() + ") does not exist; "
                        + "set " + CREDENTIALS_FILE_KEY + " in .productos/config.yaml or " + CREDENTIALS_ENV
                        + " to a service-account key file");
            } catch (IOException | RuntimeException e) {
                throw failure("the Google credentials file " + file + " (" + source() + ") is not a usable credential: "
                        + e.getMessage() + "; point " + CREDENTIALS_FILE_KEY + " or " + CREDENTIALS_ENV
                        + " at a service-account key JSON");
            }
        } else {
            try {
                credentials = GoogleCredentials.getApplicationDefault();
            } catch (IOException | RuntimeException e) {
                throw failure("no Google credentials found to call an executor that uses google_id_token auth; set "
                        + CREDENTIALS_ENV + " or " + CREDENTIALS_FILE_KEY
                        + " in .productos/config.yaml to a service-account key file, or run on Google Cloud");
            }
        }
        if (!(credentials instanceof IdTokenProvider idTokenProvider)) {
            throw failure("the Google credentials from " + source() + " ("
                    + credentials.getClass().getSimpleName()
                    + ") cannot mint ID tokens; use a service-account key (set " + CREDENTIALS_ENV + " or "
                    + CREDENTIALS_FILE_KEY + ") or an impersonated service account");
        }
        return idTokenProvider;
    }

    private Path configuredFile() {
        String fromConfig = config.section("google").path("credentials_file").asString(null);
        if (fromConfig != null && !fromConfig.isBlank()) return Path.of(fromConfig);
        return config.env(CREDENTIALS_ENV).map(Path::of).orElse(null);
    }

    private String source() {
        String fromConfig = config.section("google").path("credentials_file").asString(null);
        if (fromConfig != null && !fromConfig.isBlank()) return CREDENTIALS_FILE_KEY + " in .productos/config.yaml";
        if (config.env(CREDENTIALS_ENV).isPresent()) return CREDENTIALS_ENV;
        return "Application Default Credentials";
    }

    private static ExecutorCallException failure(String message) {
        return new ExecutorCallException(ErrorCode.ExecutorUnavailable, message, null);
    }
}
