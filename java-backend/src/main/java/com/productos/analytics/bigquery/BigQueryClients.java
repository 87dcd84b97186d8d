package com.productos.analytics.bigquery;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.productos.analytics.AnalyticsSettings.BigQuerySettings;
import com.productos.config.ConfigException;

/** Builds the BigQuery client from the analytics settings (Application Default Credentials unless told otherwise). */
public final class BigQueryClients {
    private BigQueryClients() {}

    public static BigQuery create(BigQuerySettings settings) {
        BigQueryOptions.Builder builder = BigQueryOptions.newBuilder()
                .setProjectId(settings.project())
                .setLocation(settings.location())
                .setHost(settings.host());
        if (settings.anonymous()) builder.setCredentials(NoCredentials.getInstance());
        try {
            return builder.build().getService();
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "cannot create the BigQuery client for project " + settings.project() + ": " + e.getMessage()
                            + "; set up Application Default Credentials (gcloud auth application-default login, or run as a service account)");
        }
    }
}
