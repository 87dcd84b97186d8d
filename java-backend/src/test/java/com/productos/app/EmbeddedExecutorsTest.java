package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.control.ExecutorCallException;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorModule;
import com.productos.executors.ExecutorModuleFactory;
import com.productos.executors.ExecutorTestSupport;
import com.productos.executorserver.ExecutorServerSettings;
import com.productos.executorserver.InboundAuth;
import com.productos.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EmbeddedExecutorsTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private ExecutorEnvironment environment(ProductOsConfig config) {
        return new ExecutorEnvironment(Workspace.open(dir), ExecutorTestSupport.REGISTRY, config, Clock.systemUTC());
    }

    /** A module that records being built and closed. */
    private static final class TrackedFactory implements ExecutorModuleFactory {
        final String name;
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final RuntimeException failure;

        TrackedFactory(String name, RuntimeException failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public ExecutorModule create(ExecutorEnvironment environment) {
            if (failure != null) throw failure;
            created.incrementAndGet();
            return new ExecutorModule() {
                @Override
                public String executorName() {
                    return name;
                }

                @Override
                public Map<String, ExecutorHandler> routes() {
                    return Map.of(
                            "/execute/" + name + "/ping",
                            request -> Json.object().put("pong", true));
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }

        @Override
        public String executorName() {
            return name;
        }

        @Override
        public String toString() {
            return "tracked executor '" + name + "'";
        }
    }

    @Test
    void catalogShouldServeOnLoopbackWithARandomToken() throws Exception {
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment(ProductOsConfig.empty()))) {
            assertTrue(
                    executors.embeddedExecutorNames().contains("brand"),
                    executors.embeddedExecutorNames().toString());
            ExecutorEndpoint endpoint = executors.resolver().resolve("brand");
            assertEquals(ExecutorAuth.BEARER, endpoint.auth());
            assertEquals("127.0.0.1", endpoint.baseUrl().getHost());
            assertTrue(endpoint.bearerToken().matches("[0-9a-f]{64}"), "256 random bits, hex");
            assertTrue(!endpoint.toString().contains(endpoint.bearerToken()));

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(endpoint.baseUrl().resolve("/healthz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode healthBody = Json.parse(health.body());
            assertEquals("ok", healthBody.path("status").asString());
            java.util.Set<String> served = new java.util.TreeSet<>();
            healthBody.path("executors").forEach(name -> served.add(name.asString()));
            assertEquals(new java.util.TreeSet<>(executors.embeddedExecutorNames()), served);
            HttpResponse<String> anonymous = http.send(
                    HttpRequest.newBuilder(endpoint.baseUrl().resolve("/execute/brand/get_profile"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"profile_id\":\"x\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
        }
    }

    @Test
    void eachStartShouldUseAFreshToken() {
        String first;
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment(ProductOsConfig.empty()))) {
            first = executors.resolver().resolve("brand").bearerToken();
        }
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment(ProductOsConfig.empty()))) {
            assertNotEquals(first, executors.resolver().resolve("brand").bearerToken());
        }
    }

    @Test
    void unknownExecutorShouldSayWhatToConfigure() {
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment(ProductOsConfig.empty()))) {
            ExecutorCallException e = assertThrows(
                    ExecutorCallException.class, () -> executors.resolver().resolve("nosuch"));
            assertTrue(
                    e.getMessage().contains("executors.nosuch.url")
                            && e.getMessage().contains("PRODUCTOS_EXECUTOR_NOSUCH_URL"),
                    e.getMessage());
        }
    }

    @Test
    void remotelyConfiguredExecutorShouldNotStartInProcess() {
        ObjectNode root = Json.object();
        root.putObject("executors").putObject("remote").put("url", "https://remote-abc.a.run.app");
        ProductOsConfig config = ProductOsConfig.of(root, Map.of());
        TrackedFactory remote = new TrackedFactory("remote", null);
        TrackedFactory local = new TrackedFactory("local", null);
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(
                environment(config), List.of(remote, local), ExecutorServerSettings.loopback(InboundAuth.none()))) {
            assertEquals(0, remote.created.get());
            assertEquals(List.of("local"), executors.embeddedExecutorNames());
            ExecutorEndpoint endpoint = executors.resolver().resolve("remote");
            assertEquals(URI.create("https://remote-abc.a.run.app"), endpoint.baseUrl());
            assertEquals(ExecutorAuth.GOOGLE_ID_TOKEN, endpoint.auth());
        }
        assertEquals(1, local.closed.get());
    }

    @Test
    void noEmbeddedModuleShouldMeanNoServer() {
        ObjectNode root = Json.object();
        ObjectNode remote = root.putObject("executors");
        for (String name : new com.productos.registry.RegistryLoader()
                .loadBundled()
                .executors()
                .keySet()) {
            remote.putObject(name).put("url", "http://127.0.0.1:1").put("auth", "none");
        }
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(environment(ProductOsConfig.of(root, Map.of())))) {
            assertTrue(executors.server().isEmpty());
            assertEquals(
                    URI.create("http://127.0.0.1:1"),
                    executors.resolver().resolve("brand").baseUrl());
        }
    }

    @Test
    void aModuleThatFailsShouldLeaveTheOthersServing() throws Exception {
        TrackedFactory first = new TrackedFactory("first", null);
        TrackedFactory broken = new TrackedFactory("broken", new IllegalStateException("disk full"));
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(
                environment(ProductOsConfig.empty()),
                List.of(first, broken),
                ExecutorServerSettings.loopback(InboundAuth.none()))) {
            assertEquals(java.util.Set.of("first", "broken"), java.util.Set.copyOf(executors.embeddedExecutorNames()));
            ExecutorEndpoint endpoint = executors.resolver().resolve("first");
            HttpResponse<String> ping = http.send(
                    HttpRequest.newBuilder(endpoint.baseUrl().resolve("/execute/first/ping"))
                            .header("Authorization", "Bearer " + endpoint.bearerToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode(), ping.body());
        }
        assertEquals(1, first.created.get());
        assertEquals(1, first.closed.get());
    }

    @Test
    void closingShouldStopTheServerAndCloseEveryModule() throws Exception {
        TrackedFactory one = new TrackedFactory("one", null);
        TrackedFactory two = new TrackedFactory("two", null);
        URI uri;
        try (EmbeddedExecutors executors = EmbeddedExecutors.start(
                environment(ProductOsConfig.empty()),
                List.of(one, two),
                ExecutorServerSettings.loopback(InboundAuth.none()))) {
            uri = executors.resolver().resolve("two").baseUrl();
            assertEquals(uri, executors.resolver().resolve("one").baseUrl());
        }
        assertEquals(1, one.closed.get());
        assertEquals(1, two.closed.get());
        assertThrows(
                java.io.IOException.class,
                () -> http.send(
                        HttpRequest.newBuilder(uri.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
