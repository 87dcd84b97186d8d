package com.productos.marketing.missinglettr;

import com.productos.config.ConfigException;
import com.productos.config.Workspace;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The {@code marketing.missinglettr} section of config.yaml:
 *
 * <pre>
 * marketing:
 *   publisher: missinglettr
 *   missinglettr:
 *     base_url: https://api.missinglettr.com/v1
 *     workspace_id: ws_123
 *     auth_scheme: api_key              # api_key ("Authorization: Api-Key K") | bearer
 *     api_key_file: ~/.config/productos/missinglettr.key      # or:
 *     api_key_secret: projects/p/secrets/missinglettr/versions/latest
 *     max_attempts: 4                   # for 429 and 5xx, with exponential backoff
 *     initial_backoff_millis: 500
 *     max_backoff_millis: 8000
 *     timeout_seconds: 30
 * </pre>
 */
public record MissinglettrSettings(
        URI baseUrl,
        String workspaceId,
        AuthScheme authScheme,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration timeout) {

    public static MissinglettrSettings from(JsonNode section) {
        String base = section.path("base_url")
                .asString("https://api.missinglettr.com/v1")
                .replaceAll("/+$", "");
        URI baseUrl;
        try {
            baseUrl = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("marketing.missinglettr.base_url '" + base + "' is not a URL");
        }
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new ConfigException("marketing.missinglettr.base_url must start with https:// (was " + base + ")");
        }
        String workspace = section.path("workspace_id").asString("");
        if (workspace.isBlank()) {
            throw new ConfigException(
                    "marketing.missinglettr.workspace_id is not set; copy it from your Missinglettr workspace settings");
        }
        int attempts = section.path("max_attempts").asInt(4);
        if (attempts < 1 || attempts > 10)
            throw new ConfigException("marketing.missinglettr.max_attempts must be 1 to 10");
        return new MissinglettrSettings(
                baseUrl,
                workspace,
                AuthScheme.parse(section.path("auth_scheme").asString("api_key")),
                attempts,
                Duration.ofMillis(section.path("initial_backoff_millis").asLong(500)),
                Duration.ofMillis(section.path("max_backoff_millis").asLong(8000)),
                Duration.ofSeconds(section.path("timeout_seconds").asLong(30)));
    }

    /** The key source the section names: a file (relative paths are read from the workspace folder) or a secret. */
    public static ApiKeySource keySource(JsonNode section, Workspace workspace) {
        String file = section.path("api_key_file").asString("");
        String secret = section.path("api_key_secret").asString("");
        if (!file.isBlank() && !secret.isBlank()) {
            throw new ConfigException("marketing.missinglettr: set api_key_file or api_key_secret, not both");
        }
        if (!secret.isBlank()) {
            if (!secret.matches("projects/[^/]+/secrets/[^/]+/versions/[^/]+")) {
                throw new ConfigException(
                        "marketing.missinglettr.api_key_secret must look like projects/P/secrets/S/versions/latest");
            }
            String endpoint = section.path("secret_manager_endpoint").asString(null);
            return new SecretManagerApiKeySource(secret, endpoint);
        }
        if (file.isBlank()) {
            throw new ConfigException(
                    "marketing.missinglettr needs api_key_file (a file holding the key) or api_key_secret"
                            + " (a Secret Manager secret version)");
        }
        String expanded = file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file;
        Path path = Path.of(expanded);
        return new FileApiKeySource(path.isAbsolute() ? path : workspace.root().resolve(path));
    }
}
