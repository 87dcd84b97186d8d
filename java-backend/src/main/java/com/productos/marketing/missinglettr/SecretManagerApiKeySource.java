package com.productos.marketing.missinglettr;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.productos.common.KnownSecrets;
import java.nio.charset.StandardCharsets;

/**
 * The API key in Google Secret Manager ({@code projects/P/secrets/S/versions/V}), read once with the
 * REST transport and kept in memory only. {@code endpoint} overrides the service address (an
 * {@code http://} endpoint is a local fake and gets no credentials); null uses Google's with the
 * Application Default Credentials.
 */
public final class SecretManagerApiKeySource implements ApiKeySource {
    private final String secretVersion;
    private final String endpoint;
    private volatile String cached;

    public SecretManagerApiKeySource(String secretVersion, String endpoint) {
        this.secretVersion = secretVersion;
        this.endpoint = endpoint;
    }

    @Override
    public String apiKey() throws ApiKeyUnavailable {
        String key = cached;
        if (key != null) return key;
        try (SecretManagerServiceClient client = SecretManagerServiceClient.create(settings())) {
            AccessSecretVersionResponse response = client.accessSecretVersion(secretVersion);
            key = response.getPayload()
                    .getData()
                    .toString(StandardCharsets.UTF_8)
                    .strip();
        } catch (Exception e) {
            // The exception text can carry the request; say only what failed and what to check.
            throw new ApiKeyUnavailable(
                    "cannot read the Missinglettr API key from Secret Manager secret " + secretVersion + " ("
                            + e.getClass().getSimpleName()
                            + "); check the name and that the runtime account can access it",
                    null);
        }
        if (key.isEmpty()) throw new ApiKeyUnavailable("Secret Manager secret " + secretVersion + " is empty", null);
        KnownSecrets.add(key);
        cached = key;
        return key;
    }

    private SecretManagerServiceSettings settings() throws java.io.IOException {
        SecretManagerServiceSettings.Builder builder = SecretManagerServiceSettings.newHttpJsonBuilder();
        if (endpoint != null) {
            builder.setEndpoint(endpoint);
            if (endpoint.startsWith("http://")) builder.setCredentialsProvider(NoCredentialsProvider.create());
        }
        return builder.build();
    }

    @Override
    public String describe() {
        return "Secret Manager secret " + secretVersion;
    }
}
