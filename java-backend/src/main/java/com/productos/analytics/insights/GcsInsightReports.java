package com.productos.analytics.insights;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import com.productos.analytics.WarehouseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report files as GCS objects {@code gs://<bucket>/<prefix><file>} through the google-cloud-storage
 * client (JSON API). A failed upload deletes the objects already uploaded, so a report is whole or
 * absent.
 */
public final class GcsInsightReports implements InsightReports {
    private final Storage storage;
    private final String bucket;

    public GcsInsightReports(Storage storage, String bucket) {
        this.storage = storage;
        this.bucket = bucket;
    }

    public static GcsInsightReports connect(CloudInsightSettings.Gcs settings, boolean anonymous) {
        StorageOptions.Builder options = StorageOptions.http()
                .setProjectId(settings.project())
                .setHost(settings.host())
                // A few quick tries: write_insight answers the model, which can call again.
                .setRetrySettings(ServiceOptions.getDefaultRetrySettings().toBuilder()
                        .setMaxAttempts(3)
                        .build());
        if (anonymous) options.setCredentials(NoCredentials.getInstance());
        try {
            return new GcsInsightReports(options.build().getService(), settings.bucket());
        } catch (RuntimeException e) {
            throw new WarehouseException(
                    "cannot create the Cloud Storage client for bucket " + settings.bucket()
                            + ": " + e.getMessage()
                            + "; set up Application Default Credentials, or set analytics.bigquery.credentials: none",
                    e);
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    @Override
    public Map<String, String> write(String prefix, Map<String, byte[]> files) throws IOException {
        Map<String, String> locations = new LinkedHashMap<>();
        List<BlobId> written = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                BlobId id = BlobId.of(bucket, prefix + file.getKey());
                storage.create(
                        BlobInfo.newBuilder(id)
                                .setContentType(mediaType(file.getKey()))
                                .build(),
                        file.getValue());
                written.add(id);
                locations.put(file.getKey(), "gs://" + bucket + "/" + id.getName());
            }
        } catch (StorageException e) {
            deleteQuietly(written);
            throw new IOException(
                    "Cloud Storage refused the report in gs://" + bucket + "/" + prefix + " (HTTP " + e.getCode() + ": "
                            + e.getMessage() + "); check analytics.gcs.bucket and the account's access to it",
                    e);
        }
        return locations;
    }

    @Override
    public void delete(String prefix) {
        List<BlobId> ids = new ArrayList<>();
        for (String file : List.of("insight.json", "report.md", "chart.svg")) ids.add(BlobId.of(bucket, prefix + file));
        deleteQuietly(ids);
    }

    private void deleteQuietly(List<BlobId> ids) {
        for (BlobId id : ids) {
            try {
                storage.delete(id);
            } catch (StorageException ignored) {
                // Best effort: the failure that led here is what the caller reports.
            }
        }
    }

    private static String mediaType(String file) {
        return file.endsWith(".json") ? "application/json" : file.endsWith(".md") ? "text/markdown" : "image/svg+xml";
    }
}
