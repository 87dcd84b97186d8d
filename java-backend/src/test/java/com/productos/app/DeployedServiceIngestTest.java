package com.productos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.control.CallRequest;
import com.productos.control.ControlPlane;
import com.productos.deploy.Poll;
import com.productos.deploy.SampleServiceRepo;
import com.productos.json.Json;
import com.productos.runs.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A service deployed on the local target by a backend posts its events to that backend's embedded
 * ingest endpoint with no variable set anywhere: the wiring supplies ANALYTICS_URL and ANALYTICS_TOKEN.
 * The token stays out of the run records and of every file but the owner-only executors file. The
 * sample service follows one visitor from landing to upgrade and keeps the landing page's UTM tag.
 */
class DeployedServiceIngestTest {
    @TempDir
    Path root;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Run call(ControlPlane plane, String tool, String input, String key) throws Exception {
        Run run = plane.settle(plane.start(
                                new CallRequest(tool, Json.parse(input), com.productos.policy.Actor.USER, key, null))
                        .id())
                .get(120, TimeUnit.SECONDS);
        assertEquals("succeeded", run.status().wireName(), tool + ": " + run.error());
        return run;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("x-visitor-id", "v_ada").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDeployedServiceShouldReachTheEmbeddedIngestWithoutTheTokenInAnyRecord() throws Exception {
        SampleServiceRepo repo = SampleServiceRepo.create(root.resolve("sample-service"));
        String tokenSeen;
        try (Backend backend = Backend.open(root, Map.of("PRODUCTOS_NO_DAEMON", "1"))) {
            ControlPlane plane = backend.controlPlane();
            String token = backend.executorEndpoint("analytics").bearerToken();
            tokenSeen = token;
            Run deploy = call(
                    plane,
                    "cloudrun.deploy_service",
                    "{\"service_name\":\"web\",\"repo\":\"" + repo.url()
                            + "\",\"ref\":\"main\",\"env\":\"dev\",\"region\":\"local\"}",
                    "deploy-1");
            String url = deploy.output().path("service_url").asString();

            assertEquals(
                    200,
                    send(HttpRequest.newBuilder(URI.create(url + "/?utm_source=x&utm_campaign=spring")))
                            .statusCode());
            HttpResponse<String> signup = send(HttpRequest.newBuilder(URI.create(url + "/signup"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.com\"}")));
            assertEquals(201, signup.statusCode(), signup.body());
            assertEquals("v_ada", Json.parse(signup.body()).path("user_id").asString());
            for (String step : List.of("/activate", "/upgrade")) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url + step))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"v_ada\"}")));
                assertEquals(200, answer.statusCode(), step + ": " + answer.body());
            }
            Poll.until(Duration.ofSeconds(20), "four events acknowledged by the ingest endpoint", () -> {
                JsonNode health = Json.parse(HTTP.send(
                                HttpRequest.newBuilder(URI.create(url + "/healthz"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                return health.path("events").path("sent").asInt() == 4;
            });

            String funnel = "{\"range_days\":1,\"funnel\":{\"name\":\"signup\",\"steps\":["
                    + "{\"event_name\":\"landing_viewed\"},{\"event_name\":\"signed_up\"},"
                    + "{\"event_name\":\"activated\"},{\"event_name\":\"upgraded\"}]}}";
            JsonNode steps = call(plane, "analytics.funnel_summary", funnel, null)
                    .output()
                    .path("steps");
            for (JsonNode step : steps) assertEquals(1, step.path("users").asInt(), steps.toString());
            String tagged = "{\"range_days\":1,\"funnel\":{\"name\":\"tagged\",\"steps\":["
                    + "{\"event_name\":\"landing_viewed\",\"filter\":{\"utm_campaign\":\"spring\"}},"
                    + "{\"event_name\":\"upgraded\",\"filter\":{\"utm_campaign\":\"spring\"}}]}}";
            JsonNode taggedSteps = call(plane, "analytics.funnel_summary", tagged, null)
                    .output()
                    .path("steps");
            assertEquals(1, taggedSteps.path(1).path("users").asInt(), taggedSteps.toString());

            Run recorded = plane.get(deploy.id());
            assertFalse(Json.write(recorded).contains(token), "the token is in the deploy's run record");
            assertTrue(Json.write(recorded.input()).contains(repo.url()));
        }
        // The next backend starts the serving revision again with its own endpoint and token: the
        // revision's launch record names the variables, never their values.
        try (Backend next = Backend.open(root, Map.of("PRODUCTOS_NO_DAEMON", "1"))) {
            String newToken = next.executorEndpoint("analytics").bearerToken();
            assertFalse(newToken.equals(tokenSeen));
            String status = "{\"service_name\":\"web\",\"region\":\"local\"}";
            Poll.until(
                    Duration.ofSeconds(30),
                    "the service serving again",
                    () -> "ready"
                            .equals(call(next.controlPlane(), "cloudrun.get_service_status", status, null)
                                    .output()
                                    .path("status")
                                    .asString()));
            String url = call(next.controlPlane(), "cloudrun.get_service_status", status, null)
                    .output()
                    .path("service_url")
                    .asString();
            assertEquals(
                    200, send(HttpRequest.newBuilder(URI.create(url + "/"))).statusCode());
            Poll.until(Duration.ofSeconds(20), "the landing event acknowledged by the new endpoint", () -> {
                JsonNode events = Json.parse(HTTP.send(
                                        HttpRequest.newBuilder(URI.create(url + "/healthz"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .path("events");
                assertEquals(0, events.path("dropped").asInt(), events.toString());
                return events.path("sent").asInt() == 1;
            });
        }
        try (Stream<Path> files = Files.walk(root.resolve(".productos"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().equals("executors.json")) continue;
                String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(tokenSeen), "the token is written to " + file);
            }
        }
    }
}
