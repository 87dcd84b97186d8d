package com.productos.supervisor.gemini;

import com.productos.config.ConfigException;
import com.productos.config.ProductOsConfig;
import com.productos.supervisor.model.ModelPrice;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The {@code supervisor.gemini} section of config.yaml: Gemini on Vertex AI through google-genai.
 *
 * <pre>
 * supervisor:
 *   model: gemini
 *   gemini:
 *     project: my-project            # else GOOGLE_CLOUD_PROJECT
 *     location: us-central1          # else GOOGLE_CLOUD_LOCATION, else us-central1
 *     model: gemini-3.5-flash        # the default; see Vertex AI's model versions page for what your project has
 *     credentials_file: /secure/supervisor-sa.json   # a service-account key; else Application Default Credentials
 *     credentials: adc               # adc (default) | none (a local fake at base_url only)
 *     base_url: http://127.0.0.1:PORT   # optional: a proxy or a local fake of the Vertex API
 *     timeout_seconds: 120
 *     price: { input_usd_per_million: 0.30, output_usd_per_million: 2.50 }   # for the cost estimate
 * </pre>
 *
 * The default model is gemini-3.5-flash: the 2.5 models were retired in October 2026, and 3.5 Flash
 * is the general-availability Flash model in Vertex AI's list at that time.
 */
public record VertexGeminiSettings(
        String project,
        String location,
        String model,
        Path credentialsFile,
        boolean noCredentials,
        String baseUrl,
        Duration timeout,
        ModelPrice price) {
    public static final String DEFAULT_MODEL = "gemini-3.5-flash";
    /** Estimates for a Flash model; set supervisor.gemini.price to your contract's figures. */
    static final ModelPrice DEFAULT_PRICE = new ModelPrice(0.30, 2.50);

    public static VertexGeminiSettings from(JsonNode section, ProductOsConfig config) {
        String project = text(section, "project");
        if (project == null) project = config.env("GOOGLE_CLOUD_PROJECT").orElse(null);
        if (project == null) {
            throw new ConfigException("supervisor.model is gemini but no Google Cloud project is set;"
                    + " set supervisor.gemini.project in .productos/config.yaml or GOOGLE_CLOUD_PROJECT");
        }
        String location = text(section, "location");
        if (location == null) location = config.env("GOOGLE_CLOUD_LOCATION").orElse("us-central1");
        String credentials = text(section, "credentials");
        if (credentials != null && !credentials.equals("adc") && !credentials.equals("none")) {
            throw new ConfigException(
                    "supervisor.gemini.credentials is '" + credentials + "'; use adc (default) or none,"
                            + " or set supervisor.gemini.credentials_file to a service-account key");
        }
        String baseUrl = text(section, "base_url");
        if (baseUrl != null && !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new ConfigException("supervisor.gemini.base_url must start with http:// or https://, was " + baseUrl);
        }
        boolean none = "none".equals(credentials);
        if (none && (baseUrl == null || !baseUrl.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?/?"))) {
            throw new ConfigException(
                    "supervisor.gemini.credentials none is only for a local fake: set base_url to http://127.0.0.1:PORT");
        }
        String keyFile = text(section, "credentials_file");
        long timeoutSeconds = section.path("timeout_seconds").asLong(120);
        if (timeoutSeconds < 1) throw new ConfigException("supervisor.gemini.timeout_seconds must be at least 1");
        JsonNode price = section.path("price");
        ModelPrice modelPrice = price.isObject()
                ? new ModelPrice(
                        price.path("input_usd_per_million").asDouble(DEFAULT_PRICE.inputUsdPerMillion()),
                        price.path("output_usd_per_million").asDouble(DEFAULT_PRICE.outputUsdPerMillion()))
                : DEFAULT_PRICE;
        String model = text(section, "model");
        return new VertexGeminiSettings(
                project,
                location,
                model == null ? DEFAULT_MODEL : model,
                keyFile == null ? null : Path.of(keyFile),
                none,
                baseUrl,
                Duration.ofSeconds(timeoutSeconds),
                modelPrice);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank()
                ? value.asString().trim()
                : null;
    }
}
