package com.productos.analytics;

import com.productos.analytics.insights.CloudInsightSettings;
import com.productos.config.ConfigException;
import com.productos.config.Workspace;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The {@code analytics} section of {@code .productos/config.yaml}:
 *
 * <pre>
 * analytics:
 *   backend: duckdb                 # duckdb (embedded, default) | bigquery
 *   duckdb:
 *     file: analytics.duckdb        # relative to .productos/
 *   bigquery:
 *     project: my-project
 *     dataset: product_analytics    # the analytics executor's service account has dataset-level access
 *     events_table: events
 *     insights_table: insights
 *     location: US
 *     host: https://bigquery.googleapis.com   # optional; another endpoint, e.g. a local fake
 *     credentials: default          # default (Application Default Credentials) | none
 *   ingest:
 *     max_events_per_batch: 1000
 *     max_properties_bytes: 16384
 *   drivers:
 *     min_support_users: 30         # candidates seen in fewer users are skipped, and said so
 *   firestore: ...                  # bigquery only: insight pointers, see CloudInsightSettings
 *   gcs: ...                        # bigquery only: insight reports, see CloudInsightSettings
 * </pre>
 *
 * @param cloudInsights where BigQuery mode keeps insight pointers and reports; null for duckdb
 */
public record AnalyticsSettings(
        Backend backend,
        Path duckDbFile,
        BigQuerySettings bigQuery,
        int maxEventsPerBatch,
        int maxPropertiesBytes,
        int minSupportUsers,
        CloudInsightSettings cloudInsights) {

    public enum Backend {
        DUCKDB,
        BIGQUERY
    }

    /** Where the BigQuery backend reads events and writes insights. */
    public record BigQuerySettings(
            String project,
            String dataset,
            String eventsTable,
            String insightsTable,
            String location,
            String host,
            boolean anonymous) {}

    public static AnalyticsSettings from(JsonNode section, Workspace workspace) {
        String backendText = text(section.path("backend"), "duckdb");
        Backend backend;
        try {
            backend = Backend.valueOf(backendText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("analytics.backend '" + backendText + "' is unknown; use duckdb or bigquery");
        }
        Path duckDbFile =
                workspace.dataDir().resolve(text(section.path("duckdb").path("file"), "analytics.duckdb"));
        JsonNode bq = section.path("bigquery");
        BigQuerySettings bigQuery = null;
        CloudInsightSettings cloudInsights = null;
        if (backend == Backend.BIGQUERY) {
            String project = text(bq.path("project"), "");
            String dataset = text(bq.path("dataset"), "");
            if (project.isEmpty() || dataset.isEmpty()) {
                throw new ConfigException(
                        "analytics.backend is bigquery but analytics.bigquery.project or .dataset is not set; set both");
            }
            String credentials = text(bq.path("credentials"), "default");
            if (!credentials.equals("default") && !credentials.equals("none")) {
                throw new ConfigException(
                        "analytics.bigquery.credentials '" + credentials + "' is unknown; use default or none");
            }
            bigQuery = new BigQuerySettings(
                    project,
                    dataset,
                    text(bq.path("events_table"), "events"),
                    text(bq.path("insights_table"), "insights"),
                    text(bq.path("location"), "US"),
                    text(bq.path("host"), "https://bigquery.googleapis.com"),
                    credentials.equals("none"));
            cloudInsights = cloudInsights(section, project, credentials.equals("none"));
        }
        return new AnalyticsSettings(
                backend,
                duckDbFile,
                bigQuery,
                positive(
                        section.path("ingest").path("max_events_per_batch"),
                        1000,
                        "analytics.ingest.max_events_per_batch"),
                positive(
                        section.path("ingest").path("max_properties_bytes"),
                        16_384,
                        "analytics.ingest.max_properties_bytes"),
                positive(section.path("drivers").path("min_support_users"), 30, "analytics.drivers.min_support_users"),
                cloudInsights);
    }

    private static CloudInsightSettings cloudInsights(JsonNode section, String project, boolean anonymous) {
        JsonNode fs = section.path("firestore");
        CloudInsightSettings.Firestore firestore = fs.isObject()
                ? new CloudInsightSettings.Firestore(
                        text(fs.path("project"), project),
                        text(fs.path("database"), "(default)"),
                        text(fs.path("collection"), "insights"),
                        fs.path("emulator_host").isString()
                                        && !fs.path("emulator_host").asString().isBlank()
                                ? fs.path("emulator_host").asString().trim()
                                : null)
                : null;
        JsonNode gs = section.path("gcs");
        CloudInsightSettings.Gcs gcs = null;
        if (gs.isObject()) {
            String bucket = text(gs.path("bucket"), "");
            if (bucket.isEmpty())
                throw new ConfigException("analytics.gcs is set but analytics.gcs.bucket is not; name the bucket"
                        + " that keeps insight reports, or remove analytics.gcs to keep them in the workspace");
            gcs = new CloudInsightSettings.Gcs(
                    text(gs.path("project"), project), bucket, text(gs.path("host"), "https://storage.googleapis.com"));
        }
        return new CloudInsightSettings(firestore, gcs, anonymous);
    }

    private static String text(JsonNode node, String fallback) {
        return node.isString() && !node.asString().isBlank() ? node.asString().trim() : fallback;
    }

    private static int positive(JsonNode node, int fallback, String name) {
        if (node.isMissingNode() || node.isNull()) return fallback;
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > Integer.MAX_VALUE) {
            throw new ConfigException(name + " must be a whole number of at least 1");
        }
        return node.asInt();
    }
}
