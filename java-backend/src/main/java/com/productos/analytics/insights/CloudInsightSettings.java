package com.productos.analytics.insights;

/**
 * Where BigQuery mode keeps insight pointers and reports (config.yaml, beside analytics.bigquery):
 *
 * <pre>
 * analytics:
 *   firestore:                      # the pointer documents
 *     project: my-project           # default: analytics.bigquery.project
 *     database: "(default)"
 *     collection: insights
 *     emulator_host: 127.0.0.1:8080 # optional; the Firestore emulator (plaintext, no credentials)
 *   gcs:                            # the report files, under insights/&lt;id&gt;/
 *     bucket: my-reports
 *     host: https://storage.googleapis.com   # optional; another endpoint, e.g. a local fake
 * </pre>
 *
 * A section left out keeps that part in the workspace, as the embedded warehouse does. Credentials
 * follow analytics.bigquery.credentials (default: Application Default Credentials; none: anonymous).
 *
 * @param firestore null when pointers stay in the workspace store
 * @param gcs null when reports stay in the artifacts folder
 */
public record CloudInsightSettings(Firestore firestore, Gcs gcs, boolean anonymous) {
    public record Firestore(String project, String database, String collection, String emulatorHost) {}

    public record Gcs(String project, String bucket, String host) {}
}
