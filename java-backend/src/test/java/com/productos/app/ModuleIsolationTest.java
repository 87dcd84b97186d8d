package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorResult;
import com.productos.executorclient.ExecutorHttpClient;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** One executor module that cannot start leaves the others serving, and its callers learn why and what to do. */
class ModuleIsolationTest {
    @TempDir
    Path dir;

    private static ExecutorResult call(ExecutorHttpClient client, String tool, String input) throws Exception {
        return client.invoke(ExecutorTestSupport.tool(tool), ExecutorTestSupport.run(tool, input))
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void aCorruptAnalyticsFileShouldStopOnlyAnalyticsWithAnErrorNamingTheModuleTheFileAndWhatToDo() throws Exception {
        Workspace workspace = Workspace.open(dir);
        Path warehouse = workspace.dataDir().resolve("analytics.duckdb");
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(warehouse, garbage);
        ExecutorEnvironment environment = new ExecutorEnvironment(
                workspace, ExecutorTestSupport.REGISTRY, ProductOsConfig.load(workspace, Map.of()), Clock.systemUTC());
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment);
                ExecutorHttpClient client = ExecutorHttpClient.create(executors.resolver(), environment.config())) {
            ExecutorResult brand = call(client, "brand.update_profile", """
                    {"profile_id": "default", "patch": {"name": "Acme", "voice": {"tone": ["friendly"], "style_notes": [], "do": [],
                     "dont": []}, "audience": {"primary": "founders"}, "claims_policy": {"forbidden_claims": [], "required_disclaimers": []}}}
                    """);
            assertTrue(brand.output().path("ok").asBoolean(), brand.output().toString());
            JsonNode profile = call(client, "brand.get_profile", "{\"profile_id\": \"default\"}")
                    .output();
            assertEquals("Acme", profile.path("brand").path("name").asString(), profile.toString());

            ExecutionException failed = assertThrows(
                    ExecutionException.class,
                    () -> call(
                            client,
                            "analytics.funnel_summary",
                            "{\"range_days\": 7, \"funnel\": {\"name\": \"f\", \"steps\": [{\"event_name\": \"a\"}, {\"event_name\": \"b\"}]}}"));
            ExecutorCallException error = (ExecutorCallException) failed.getCause();
            String message = error.getMessage();
            assertEquals(ErrorCode.ExecutorUnavailable, error.code(), message);
            assertTrue(message.contains("executor 'analytics' did not start"), message);
            assertTrue(message.contains(warehouse.toString()), message);
            assertTrue(message.contains("move it aside"), message);
            String everything = message + Json.write(error.details());
            for (String javaName : new String[] {"org.duckdb", "java.", "com.productos", "Exception", "\tat ", "@"}) {
                assertFalse(everything.contains(javaName), "'" + javaName + "' in " + everything);
            }
        }
    }

    @Test
    void aModuleWhoseFactoryThrowsShouldBeNamedWithoutJavaObjectNames() {
        assertEquals(
                "it failed while starting; the backend's log (stderr, .productos/logs/backend.log) has the details",
                ExecutorModules.reasonOf(new IllegalStateException("cannot use org.duckdb.DuckDBConnection@1f2e3d4c")));
        assertEquals(
                "it failed while starting; the backend's log (stderr, .productos/logs/backend.log) has the details",
                ExecutorModules.reasonOf(new NullPointerException()));
        assertEquals(
                "marketing.generator 'x' is unknown; use local or gemini",
                ExecutorModules.reasonOf(
                        new IllegalStateException("marketing.generator 'x' is unknown; use local or gemini")));
    }
}
