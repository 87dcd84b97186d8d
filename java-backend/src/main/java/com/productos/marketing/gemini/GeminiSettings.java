package com.productos.marketing.gemini;

import com.productos.config.ConfigException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code marketing.gemini} section of config.yaml:
 *
 * <pre>
 * marketing:
 *   generator: gemini
 *   gemini:
 *     project: my-project
 *     location: us-central1
 *     model: gemini-2.5-flash
 *     max_attempts: 3          # model calls per generation when replies break the contract
 *     timeout_seconds: 60
 *     base_url: ...            # optional: a proxy or a local fake of the Vertex API
 *     auth: adc                # adc (Application Default Credentials) | none (local fakes only)
 * </pre>
 */
public record GeminiSettings(
        String project,
        String location,
        String model,
        int maxAttempts,
        int timeoutSeconds,
        String baseUrl,
        boolean useCredentials) {

    public static GeminiSettings from(JsonNode section) {
        String project = section.path("project").asString("");
        if (project.isBlank())
            throw new ConfigException(
                    "marketing.gemini.project is not set; give the Google Cloud project that runs Vertex AI");
        int attempts = section.path("max_attempts").asInt(3);
        if (attempts < 1 || attempts > 5) throw new ConfigException("marketing.gemini.max_attempts must be 1 to 5");
        String auth = section.path("auth").asString("adc");
        if (!auth.equals("adc") && !auth.equals("none"))
            throw new ConfigException("marketing.gemini.auth must be adc or none");
        String baseUrl = section.path("base_url").asString(null);
        if ("none".equals(auth)
                && (baseUrl == null || !baseUrl.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?/?"))) {
            throw new ConfigException(
                    "marketing.gemini.auth none is only for a local fake: set base_url to http://127.0.0.1:PORT");
        }
        return new GeminiSettings(
                project,
                section.path("location").asString("us-central1"),
                section.path("model").asString("gemini-2.5-flash"),
                attempts,
                section.path("timeout_seconds").asInt(60),
                baseUrl,
                "adc".equals(auth));
    }
}
