package com.productos.brand.firestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.app.EmbeddedExecutors;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ExecutorCallException;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import com.productos.registry.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The brand executor configured onto Firestore (the npm emulator): the same HTTP path, validation and
 * audit as on SQLite, with the documents landing in the Firestore collection.
 */
class BrandExecutorOnFirestoreTest {
    private static final ToolDefinition GET = ExecutorTestSupport.tool("brand.get_profile");
    private static final ToolDefinition UPDATE = ExecutorTestSupport.tool("brand.update_profile");
    private static FirestoreEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() throws Exception {
        emulator = FirestoreEmulator.start();
    }

    @AfterAll
    static void stopEmulator() throws Exception {
        if (emulator != null) emulator.close();
    }

    private ProductOsConfig firestoreConfig(String collection) {
        ObjectNode root = Json.object();
        ObjectNode brand = root.putObject("brand").put("backend", "firestore");
        brand.putObject("firestore")
                .put("project_id", "productos-test")
                .put("emulator_host", emulator.host())
                .put("collection", collection);
        return ProductOsConfig.of(root, Map.of());
    }

    @Test
    void profilesShouldBeValidatedAuditedAndStoredInFirestore() throws Exception {
        String collection = "brand_" + UUID.randomUUID().toString().replace("-", "");
        ProductOsConfig config = firestoreConfig(collection);
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(new ExecutorEnvironment(
                        Workspace.open(dir), ExecutorTestSupport.REGISTRY, config, Clock.systemUTC()));
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), config)) {
            ObjectNode create = Json.object().put("profile_id", "default");
            create.set("patch", Json.parse(Files.readString(Path.of("../test-fixtures/brand/complete-profile.json"))));
            var createRun = ExecutorTestSupport.run(UPDATE.name(), create, null);
            assertEquals(
                    true,
                    client.invoke(UPDATE, createRun)
                            .get(30, TimeUnit.SECONDS)
                            .output()
                            .get("ok")
                            .asBoolean());

            ObjectNode broken = Json.object().put("profile_id", "default");
            broken.set("patch", Json.parse("{\"voice\":{\"tone\":\"loud\"}}"));
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> client.invoke(UPDATE, ExecutorTestSupport.run(UPDATE.name(), broken, null))
                            .get(30, TimeUnit.SECONDS));
            ExecutorCallException failure = assertInstanceOf(ExecutorCallException.class, e.getCause());
            assertEquals(400, failure.details().get("http_status").asInt());
            assertTrue(
                    failure.details().toString().contains("/patch/voice/tone"),
                    failure.details().toString());

            JsonNode read = client.invoke(
                            GET,
                            ExecutorTestSupport.run(GET.name(), Json.object().put("profile_id", "default"), null))
                    .get(30, TimeUnit.SECONDS)
                    .output();
            assertEquals(create.get("patch"), read.get("brand"));
        }
        try (FirestoreBrandProfileStore store =
                FirestoreBrandProfileStore.connect("productos-test", null, null, emulator.host(), collection)) {
            assertEquals(1, store.auditTrail("default").size(), "one audited write; the refused patch wrote nothing");
        }
    }

    @Test
    void firestoreWithoutProjectShouldBeAClearConfigurationError() throws Exception {
        ObjectNode root = Json.object();
        root.putObject("brand").put("backend", "firestore");
        ProductOsConfig config = ProductOsConfig.of(root, Map.of());
        // The other executors still start; calls to the brand executor say what to set.
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(new ExecutorEnvironment(
                        Workspace.open(dir), ExecutorTestSupport.REGISTRY, config, Clock.systemUTC()));
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), config)) {
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> client.invoke(GET, ExecutorTestSupport.run(GET.name(), "{\"profile_id\": \"default\"}"))
                            .get(60, TimeUnit.SECONDS));
            String message = e.getCause().getMessage();
            assertInstanceOf(ExecutorCallException.class, e.getCause());
            assertTrue(
                    message.contains("executor 'brand' did not start")
                            && message.contains("brand.firestore.project_id"),
                    message);
        }
    }
}
