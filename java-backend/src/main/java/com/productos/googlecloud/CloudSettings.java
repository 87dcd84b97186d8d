package com.productos.googlecloud;

import com.productos.config.ConfigException;
import com.productos.config.ProductOsConfig;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The "cloudrun" part of the deploy section of .productos/config.yaml:
 * <pre>
 * deploy:
 *   backend: cloudrun
 *   cloudrun:
 *     project: my-project                    # else GOOGLE_CLOUD_PROJECT
 *     image_repository: us-central1-docker.pkg.dev/my-project/services   # Artifact Registry, where builds push
 *     credentials_file: /secure/deployer.json   # a service-account key; else GOOGLE_APPLICATION_CREDENTIALS / ADC
 *     credentials: adc                       # adc (default) | none (emulators and test fakes only)
 *     build_service_account: projects/my-project/serviceAccounts/builder@my-project.iam.gserviceaccount.com
 *     operation_timeout_seconds: 1200        # the most a build or a Cloud Run operation is waited for
 *     poll_initial_millis: 5000              # LRO polling: first wait, then x1.5 up to poll_max_millis
 *     poll_max_millis: 30000
 *     endpoints:                             # only to point at emulators or private endpoints
 *       run: https://run.googleapis.com
 *       build: https://cloudbuild.googleapis.com
 *       logging: https://logging.googleapis.com
 * </pre>
 */
public record CloudSettings(
        String project,
        String imageRepository,
        Path credentialsFile,
        boolean noCredentials,
        String buildServiceAccount,
        Duration operationTimeout,
        Duration pollInitial,
        Duration pollMax,
        String runEndpoint,
        String buildEndpoint,
        String loggingEndpoint) {

    public static CloudSettings fromConfig(JsonNode section, ProductOsConfig config) {
        String project = text(section, "project");
        if (project == null) project = config.env("GOOGLE_CLOUD_PROJECT").orElse(null);
        if (project == null) {
            throw new ConfigException("deploy.backend is cloudrun but no Google Cloud project is set;"
                    + " set deploy.cloudrun.project in .productos/config.yaml or GOOGLE_CLOUD_PROJECT");
        }
        String credentials = text(section, "credentials");
        if (credentials != null && !credentials.equals("adc") && !credentials.equals("none")) {
            throw new ConfigException("deploy.cloudrun.credentials is '" + credentials + "'; use adc (default) or none,"
                    + " or set deploy.cloudrun.credentials_file to a service-account key");
        }
        String keyFile = text(section, "credentials_file");
        JsonNode endpoints = section.path("endpoints");
        return new CloudSettings(
                project,
                text(section, "image_repository"),
                keyFile == null ? null : Path.of(keyFile),
                "none".equals(credentials),
                text(section, "build_service_account"),
                Duration.ofSeconds(positive(section, "operation_timeout_seconds", 1200)),
                Duration.ofMillis(positive(section, "poll_initial_millis", 5000)),
                Duration.ofMillis(positive(section, "poll_max_millis", 30000)),
                endpoint(endpoints, "run", "https://run.googleapis.com"),
                endpoint(endpoints, "build", "https://cloudbuild.googleapis.com"),
                endpoint(endpoints, "logging", "https://logging.googleapis.com"));
    }

    private static String endpoint(JsonNode endpoints, String name, String fallback) {
        String value = text(endpoints, name);
        if (value == null) return fallback;
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new ConfigException(
                    "deploy.cloudrun.endpoints." + name + " must start with http:// or https://, was " + value);
        }
        return value.replaceAll("/+$", "");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static long positive(JsonNode node, String field, long fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) return fallback;
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw new ConfigException(
                    "deploy.cloudrun." + field + " in config.yaml must be a whole number of at least 1");
        }
        return value.asLong();
    }
}
