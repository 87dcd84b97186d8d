package com.productos.analytics.bigquery;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.productos.analytics.AnalyticsSettings.BigQuerySettings;

/** Builds the BigQuery client from the analytics settings (Application Default Credentials unless told otherwise). */
public final class BigQueryClients {
    private BigQueryClients() {}

    public static BigQuery create(BigQuerySettings settings) {
        BigQueryOptions.Builder builder = BigQueryOptions.newBuilder()
                .setProjectId(settings.project())
                .setLocation(settings.location())
                .setHost(settings.host());
        if (settings.anonymous()) builder.setCredentials(NoCredentials.getInstance());
        return builder.build().getService();
    }
}
