package com.productos.analytics.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.analytics.AnalyticsSettings;
import com.productos.config.ConfigException;
import com.productos.config.Workspace;
import com.productos.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analytics.firestore and analytics.gcs as config.yaml gives them: defaults, left out, and a bucket missing. */
class CloudInsightSettingsTest {
    @TempDir
    Path dir;

    AnalyticsSettings parse(String section) {
        return AnalyticsSettings.from(Json.parse(section), Workspace.open(dir));
    }

    @Test
    void bigQueryModeShouldTakeFirestoreAndGcsWithTheBigQueryProjectAsDefault() {
        AnalyticsSettings settings = parse("""
                {"backend": "bigquery", "bigquery": {"project": "p", "dataset": "d", "credentials": "none"},
                 "firestore": {"emulator_host": "127.0.0.1:9"}, "gcs": {"bucket": "reports"}}""");
        CloudInsightSettings cloud = settings.cloudInsights();
        assertEquals(
                new CloudInsightSettings.Firestore("p", "(default)", "insights", "127.0.0.1:9"), cloud.firestore());
        assertEquals(new CloudInsightSettings.Gcs("p", "reports", "https://storage.googleapis.com"), cloud.gcs());
        assertTrue(cloud.anonymous());
    }

    @Test
    void leftOutSectionsShouldKeepInsightsInTheWorkspace() {
        CloudInsightSettings cloud = parse("""
                {"backend": "bigquery", "bigquery": {"project": "p", "dataset": "d"}}""").cloudInsights();
        assertNull(cloud.firestore());
        assertNull(cloud.gcs());
        assertNull(parse("{}").cloudInsights(), "the embedded warehouse keeps everything local");
    }

    @Test
    void aGcsSectionWithoutBucketShouldSayWhatToSet() {
        ConfigException error = assertThrows(ConfigException.class, () -> parse("""
                {"backend": "bigquery", "bigquery": {"project": "p", "dataset": "d"}, "gcs": {"host": "http://127.0.0.1:9"}}"""));
        assertTrue(error.getMessage().contains("analytics.gcs.bucket"), error.getMessage());
    }
}
