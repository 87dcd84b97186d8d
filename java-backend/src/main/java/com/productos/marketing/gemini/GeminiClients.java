package com.productos.marketing.gemini;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;

/** The google-genai client for Vertex AI as the marketing settings describe it. */
final class GeminiClients {
    private GeminiClients() {}

    static Client create(GeminiSettings settings) {
        HttpOptions.Builder http = HttpOptions.builder().apiVersion("v1").timeout(settings.timeoutSeconds() * 1000);
        if (settings.baseUrl() != null) http.baseUrl(settings.baseUrl());
        Client.Builder builder = Client.builder()
                .vertexAI(true)
                .project(settings.project())
                .location(settings.location())
                .httpOptions(http.build());
        // A local fake takes any token; a real endpoint gets Application Default Credentials.
        if (!settings.useCredentials())
            builder.credentials(GoogleCredentials.create(new AccessToken("local-fake", null)));
        return builder.build();
    }
}
