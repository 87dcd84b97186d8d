package com.productos.analytics.insights;

import java.io.IOException;
import java.util.Map;

/**
 * Where an insight's report files (insight.json, report.md, chart.svg) go: a folder under the
 * workspace's artifacts embedded ({@link LocalInsightReports}), a GCS bucket in BigQuery mode
 * ({@link GcsInsightReports}). Written whole or not at all.
 */
public interface InsightReports {
    /** The bucket (or folder label) that {@code stored.gcs.bucket} names. */
    String bucket();

    /** Writes the files under {@code prefix}; returns each file's location (a URI) by file name. */
    Map<String, String> write(String prefix, Map<String, byte[]> files) throws IOException;

    /** Removes what {@link #write} wrote under {@code prefix}; best effort. */
    void delete(String prefix);
}
