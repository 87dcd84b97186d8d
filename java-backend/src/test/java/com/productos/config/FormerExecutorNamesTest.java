package com.productos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The brand executor was called "firestore": configurations written for that name keep working. */
class FormerExecutorNamesTest {
    private static ProductOsConfig config(String yaml, Map<String, String> environment) {
        return ProductOsConfig.of(YAMLMapper.builder().build().readTree(yaml), environment);
    }

    @Test
    void executorsFirestoreInConfigYamlShouldConfigureTheBrandExecutor() {
        ProductOsConfig config = config("""
                executors:
                  firestore:
                    url: https://firestore-executor-abc-uc.a.run.app
                """, Map.of());
        ExecutorEndpoint endpoint = config.remoteExecutor("brand").orElseThrow();
        assertEquals("brand", endpoint.name());
        assertEquals(URI.create("https://firestore-executor-abc-uc.a.run.app"), endpoint.baseUrl());
        assertEquals(ExecutorAuth.GOOGLE_ID_TOKEN, endpoint.auth());
    }

    @Test
    void theFormerVariablesShouldConfigureTheBrandExecutor() {
        ProductOsConfig config = config(
                "{}",
                Map.of(
                        "PRODUCTOS_EXECUTOR_FIRESTORE_URL",
                        "http://10.0.0.5:8080",
                        "PRODUCTOS_EXECUTOR_FIRESTORE_TOKEN",
                        "brand-token-0123456789"));
        ExecutorEndpoint endpoint = config.remoteExecutor("brand").orElseThrow();
        assertEquals(URI.create("http://10.0.0.5:8080"), endpoint.baseUrl());
        assertEquals("brand-token-0123456789", endpoint.bearerToken());
    }

    @Test
    void theNewNameShouldWinOverTheFormerOne() {
        ProductOsConfig config = config("""
                executors:
                  firestore: {url: "https://old-abc-uc.a.run.app"}
                  brand: {url: "https://brand-abc-uc.a.run.app"}
                """, Map.of());
        assertEquals(
                URI.create("https://brand-abc-uc.a.run.app"),
                config.remoteExecutor("brand").orElseThrow().baseUrl());
    }

    @Test
    void neitherNameShouldMeanEmbedded() {
        assertTrue(config("{}", Map.of()).remoteExecutor("brand").isEmpty());
    }
}
