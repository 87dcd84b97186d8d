package com.productos.supervisor.openai;

import com.productos.config.ConfigException;
import com.productos.config.ProductOsConfig;
import com.productos.supervisor.model.ModelPrice;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The {@code supervisor.openai} section of config.yaml: any Chat Completions endpoint with tools
 * (Ollama, vLLM, llama.cpp's server).
 *
 * <pre>
 * supervisor:
 *   model: openai
 *   openai:
 *     base_url: http://127.0.0.1:11434/v1     # the part before /chat/completions
 *     model: qwen2.5:7b-instruct
 *     api_key_file: /home/me/.config/productos/openai.key   # optional; or api_key_env: OPENAI_API_KEY
 *     timeout_seconds: 120
 *     price: { input_usd_per_million: 0, output_usd_per_million: 0 }
 * </pre>
 */
public record OpenAiSettings(URI baseUrl, String model, String apiKey, Duration timeout, ModelPrice price) {

    public static OpenAiSettings from(JsonNode section, ProductOsConfig config) {
        String base = text(section, "base_url");
        if (base == null) {
            throw new ConfigException("supervisor.model is openai but supervisor.openai.base_url is not set;"
                    + " give the server's URL up to /v1, for example http://127.0.0.1:11434/v1 for Ollama");
        }
        URI uri;
        try {
            uri = URI.create(base.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("supervisor.openai.base_url '" + base + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigException("supervisor.openai.base_url must start with http:// or https://, was " + base);
        }
        String model = text(section, "model");
        if (model == null) {
            throw new ConfigException(
                    "supervisor.openai.model is not set; give the model name the server knows (for Ollama: ollama list)");
        }
        String key = null;
        String keyFile = text(section, "api_key_file");
        if (keyFile != null) {
            try {
                key = Files.readString(Path.of(keyFile)).trim();
            } catch (IOException e) {
                throw new ConfigException("supervisor.openai.api_key_file " + keyFile + " cannot be read ("
                        + e.getClass().getSimpleName() + "); check the path and its permissions");
            }
        }
        String keyEnv = text(section, "api_key_env");
        if (key == null && keyEnv != null) {
            key = config.env(keyEnv)
                    .orElseThrow(() -> new ConfigException("supervisor.openai.api_key_env names " + keyEnv
                            + ", which is not set; set it or remove api_key_env"));
        }
        long timeoutSeconds = section.path("timeout_seconds").asLong(120);
        if (timeoutSeconds < 1) throw new ConfigException("supervisor.openai.timeout_seconds must be at least 1");
        return new OpenAiSettings(
                uri, model, key, Duration.ofSeconds(timeoutSeconds), price(section.path("price"), "openai"));
    }

    static ModelPrice price(JsonNode node, String where) {
        double input = node.path("input_usd_per_million").asDouble(0);
        double output = node.path("output_usd_per_million").asDouble(0);
        if (input < 0 || output < 0)
            throw new ConfigException("supervisor." + where + ".price values must not be negative");
        return new ModelPrice(input, output);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank()
                ? value.asString().trim()
                : null;
    }
}
