package com.productos.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.deploy.DeployModule;
import com.productos.deploy.Poll;
import com.productos.deploy.SampleServiceRepo;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.observability.ObservabilityModule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LocalDeployTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    private Workspace workspace;
    private SampleServiceRepo repo;
    private DeployModule deploy;
    private ObservabilityModule observability;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Workspace.open(Files.createDirectories(temp.resolve("workspace")));
        repo = SampleServiceRepo.create(temp.resolve("web"));
        deploy = DeployModule.create(environment(ProductOsConfig.empty()));
        observability = ObservabilityModule.create(environment(ProductOsConfig.empty()));
    }

    @AfterEach
    void tearDown() throws Exception {
        deploy.close();
        observability.close();
    }

    private ExecutorEnvironment environment(ProductOsConfig config) {
        return new ExecutorEnvironment(workspace, Calls.REGISTRY, config, Clock.systemUTC());
    }

    private JsonNode deploy(DeployModule module, String ref) throws ExecutorFailure {
        return Calls.call(
                module,
                "cloudrun.deploy_service",
                Json.object()
                        .put("service_name", "web")
                        .put("repo", repo.dir().toString())
                        .put("ref", ref)
                        .put("env", "dev")
                        .put("region", "local"),
                "run-deploy-" + ref.replaceAll("[^A-Za-z0-9]", ""));
    }

    private JsonNode status(DeployModule module) throws ExecutorFailure {
        return Calls.call(module, "cloudrun.get_service_status", "{\"service_name\":\"web\",\"region\":\"local\"}");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ExecutorFailure deployFails(String ref) {
        return assertThrows(ExecutorFailure.class, () -> deploy(deploy, ref));
    }

    private List<Long> servingProcessTree() {
        RevisionProcess serving =
                ((LocalDeployBackend) deploy.backend()).servingProcess("web").orElseThrow();
        List<Long> pids = new ArrayList<>(serving.process()
                .toHandle()
                .descendants()
                .map(ProcessHandle::pid)
                .toList());
        pids.add(serving.pid());
        return pids;
    }

    @Test
    void deployShouldServeTheSampleServiceOnItsStableUrlWithTheSignUpFlow() throws Exception {
        JsonNode output = deploy(deploy, "main");

        assertEquals("web-00001", output.path("revision").asString());
        String url = output.path("service_url").asString();
        assertTrue(url.startsWith("http://127.0.0.1:"), url);
        HttpResponse<String> landing = get(url + "/");
        assertEquals(200, landing.statusCode());
        assertEquals("web-00001", landing.headers().firstValue("x-revision").orElse(""));
        HttpResponse<String> signup = post(url + "/signup", "{\"email\":\"ada@example.com\"}");
        assertEquals(201, signup.statusCode(), signup.body());
        String userId = Json.parse(signup.body()).path("user_id").asString();
        assertEquals(
                200, post(url + "/activate", "{\"user_id\":\"" + userId + "\"}").statusCode());
        assertEquals(
                200,
                post(url + "/upgrade", "{\"user_id\":\"" + userId + "\",\"plan\":\"pro\"}")
                        .statusCode());

        JsonNode status = status(deploy);
        assertEquals("ready", status.path("status").asString());
        assertEquals(url, status.path("service_url").asString());
        assertEquals("web-00001", status.path("latest_ready_revision").asString());
        assertFalse(status.path("last_deploy_time").asString().isEmpty());
    }

    @Test
    void theSampleServiceShouldPostItsSignUpFunnelEventsToTheAnalyticsIngestEndpoint() throws Exception {
        List<JsonNode> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer ingest = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ingest.createContext("/ingest/events", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            batches.add(Json.parse(
                    new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            byte[] ok = "{\"accepted\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        ingest.start();
        try {
            deploy.close();
            deploy = DeployModule.create(environment(ProductOsConfig.of(
                    Json.object(),
                    Map.of(
                            "ANALYTICS_URL",
                            "http://127.0.0.1:" + ingest.getAddress().getPort(),
                            "ANALYTICS_TOKEN",
                            "tok-secret-123"))));
            String url = deploy(deploy, "main").path("service_url").asString();

            String userId = Json.parse(
                            post(url + "/signup", "{\"email\":\"ada@example.com\",\"source\":\"newsletter\"}")
                                    .body())
                    .path("user_id")
                    .asString();
            post(url + "/activate", "{\"user_id\":\"" + userId + "\"}");
            post(url + "/upgrade", "{\"user_id\":\"" + userId + "\",\"plan\":\"team\"}");

            Poll.until(
                    Duration.ofSeconds(10),
                    "three events at the ingest endpoint",
                    () -> batches.stream()
                                    .mapToInt(batch -> batch.path("events").size())
                                    .sum()
                            >= 3);
            List<JsonNode> events = new ArrayList<>();
            batches.forEach(batch -> batch.path("events").forEach(events::add));
            assertEquals(
                    List.of("signed_up", "activated", "upgraded"),
                    events.stream().map(e -> e.path("event_name").asString()).toList());
            JsonNode upgraded = events.get(2);
            assertEquals(userId, upgraded.path("user_id").asString());
            assertEquals("team", upgraded.path("properties").path("to_plan").asString());
            assertFalse(upgraded.path("insert_id").asString().isEmpty());
            assertTrue(java.time.Instant.parse(upgraded.path("timestamp").asString())
                    .isAfter(java.time.Instant.EPOCH));
            assertTrue(authorizations.stream().allMatch("Bearer tok-secret-123"::equals), authorizations.toString());
            try (java.util.stream.Stream<Path> files = Files.walk(workspace.dataDir())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(file).contains("tok-secret-123"), "the token is written to " + file);
                }
            }
        } finally {
            ingest.stop(0);
        }
    }

    @Test
    void revisionOutputShouldReachLogsTailByServiceAndTheBuildByRunId() throws Exception {
        String url = deploy(deploy, "main").path("service_url").asString();
        post(url + "/signup", "{\"email\":\"ada@example.com\"}");

        Poll.until(
                Duration.ofSeconds(5),
                "the sign-up event in the service log",
                () -> Calls.call(
                                observability,
                                "logs.tail",
                                "{\"scope\":\"service\",\"service_name\":\"web\",\"limit\":50}")
                        .path("lines")
                        .toString()
                        .contains("signed_up"));
        JsonNode lines = Calls.call(
                        observability, "logs.tail", "{\"scope\":\"service\",\"service_name\":\"web\",\"limit\":2}")
                .path("lines");
        assertEquals(2, lines.size(), "limit keeps the newest lines");

        JsonNode runLines = Calls.call(
                        observability, "logs.tail", "{\"scope\":\"run\",\"run_id\":\"run-deploy-main\",\"limit\":200}")
                .path("lines");
        assertTrue(runLines.toString().contains("building web-00001"), runLines.toString());
        assertTrue(runLines.toString().contains("is serving at"), runLines.toString());
    }

    @Test
    void secondDeployShouldMoveTrafficToTheNewRevisionAndStopThePreviousOne() throws Exception {
        String url = deploy(deploy, "main").path("service_url").asString();
        List<Long> firstTree = servingProcessTree();
        repo.commit("v2", Map.of("VERSION", "2\n"));

        JsonNode second = deploy(deploy, "main");

        assertEquals("web-00002", second.path("revision").asString());
        assertEquals(url, second.path("service_url").asString(), "the stable URL does not change");
        assertEquals(
                "web-00002",
                get(url + "/healthz").headers().firstValue("x-revision").orElse(""));
        for (long pid : firstTree) {
            assertFalse(
                    ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false),
                    "process " + pid + " of web-00001 is stopped");
        }
    }

    @Test
    void rollbackShouldSendTrafficBackToThePreviousRevisionAndThenToANamedOne() throws Exception {
        String url = deploy(deploy, "main").path("service_url").asString();
        repo.commit("v2", Map.of("VERSION", "2\n"));
        deploy(deploy, "main");

        JsonNode rolledBack = Calls.call(
                deploy, "cloudrun.rollback_service", "{\"service_name\":\"web\",\"region\":\"local\",\"env\":\"dev\"}");

        assertEquals("web-00001", rolledBack.path("revision").asString());
        assertEquals("web-00002", rolledBack.path("previous_revision").asString());
        assertEquals(
                "web-00001",
                get(url + "/healthz").headers().firstValue("x-revision").orElse(""));
        assertEquals("web-00001", status(deploy).path("latest_ready_revision").asString());

        Calls.call(
                deploy,
                "cloudrun.rollback_service",
                "{\"service_name\":\"web\",\"region\":\"local\",\"env\":\"dev\",\"target_revision\":\"web-00002\"}");
        assertEquals(
                "web-00002",
                get(url + "/healthz").headers().firstValue("x-revision").orElse(""));
    }

    @Test
    void restartedBackendShouldServeTheSameRevisionOnTheSameUrl() throws Exception {
        String url = deploy(deploy, "main").path("service_url").asString();
        List<Long> tree = servingProcessTree();

        deploy.close();
        for (long pid : tree) {
            assertFalse(ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false), "close stops process " + pid);
        }
        deploy = DeployModule.create(environment(ProductOsConfig.empty()));

        Poll.until(
                Duration.ofSeconds(20),
                "the restored service to be ready",
                () -> status(deploy).path("status").asString().equals("ready"));
        assertEquals(
                "web-00001",
                get(url + "/healthz").headers().firstValue("x-revision").orElse(""));
        assertEquals("web-00001", status(deploy).path("latest_ready_revision").asString());
    }

    @Test
    void closeShouldStopEveryProcessOfARevisionIncludingItsChildren() throws Exception {
        repo.commit(
                "a run command that starts a child process",
                Map.of(ServiceManifest.FILE_NAME, "run: sleep 300 & node server.js\nhealth_path: /healthz\n"));
        deploy(deploy, "main");
        List<Long> tree = servingProcessTree();
        assertTrue(tree.size() >= 2, "the revision has a child process: " + tree);

        deploy.close();

        for (long pid : tree) {
            assertFalse(
                    ProcessHandle.of(pid).map(ProcessTree::isRunning).orElse(false), "process " + pid + " is stopped");
        }
    }

    @Nested
    class FailuresShouldLeaveThePreviousRevisionServing {
        private String url;

        @BeforeEach
        void deployAGoodRevision() throws Exception {
            url = deploy(deploy, "main").path("service_url").asString();
        }

        private void assertStillServingTheFirstRevision() throws Exception {
            HttpResponse<String> response = get(url + "/healthz");
            assertEquals(200, response.statusCode());
            assertEquals(
                    "web-00001", response.headers().firstValue("x-revision").orElse(""));
            JsonNode status = status(deploy);
            assertEquals("error", status.path("status").asString(), "the failed deploy shows as an error");
            assertEquals("web-00001", status.path("latest_ready_revision").asString());
        }

        @Test
        void aFailingBuildShouldReportItsBuildLog() throws Exception {
            repo.commit(
                    "broken build",
                    Map.of(
                            ServiceManifest.FILE_NAME,
                            "build: echo compiling; echo 'syntax error in server.js' >&2; exit 2\nrun: node server.js\nhealth_path: /healthz\n"));

            ExecutorFailure failure = deployFails("main");

            assertEquals("build_failed", failure.code());
            assertTrue(failure.getMessage().contains("exited with code 2"), failure.getMessage());
            assertTrue(
                    failure.details().path("build_log").toString().contains("syntax error in server.js"),
                    failure.details().toString());
            assertStillServingTheFirstRevision();
        }

        @Test
        void aServiceThatCrashesAtStartShouldReportItsOutput() throws Exception {
            repo.commit(
                    "crash at start",
                    Map.of(
                            ServiceManifest.FILE_NAME,
                            "run: node server.js\nhealth_path: /healthz\nenv: {SAMPLE_FAIL_AT_START: '1'}\n"));

            ExecutorFailure failure = deployFails("main");

            assertEquals("start_failed", failure.code());
            assertTrue(failure.getMessage().contains("exited with code 3"), failure.getMessage());
            assertTrue(failure.getMessage().contains("refusing to start"), failure.getMessage());
            assertStillServingTheFirstRevision();
        }

        @Test
        void aHealthCheckThatNeverAnswersShouldTimeOutAndStopTheRevision() throws Exception {
            repo.commit(
                    "never healthy",
                    Map.of(
                            ServiceManifest.FILE_NAME,
                            "run: node server.js\nhealth_path: /missing\nhealth_timeout_seconds: 1\n"));

            ExecutorFailure failure = deployFails("main");

            assertEquals("health_check_failed", failure.code());
            assertTrue(failure.getMessage().contains("HTTP 404"), failure.getMessage());
            assertStillServingTheFirstRevision();
        }

        @Test
        void aRefThatDoesNotResolveShouldNameTheRef() {
            ExecutorFailure failure = deployFails("no-such-branch");

            assertEquals(400, failure.httpStatus());
            assertEquals("/ref", failure.details().path(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("'no-such-branch' does not resolve"), failure.getMessage());
        }

        @Test
        void aRepoWithoutAManifestShouldSayWhatToAdd() throws Exception {
            repo.git("rm", "--quiet", ServiceManifest.FILE_NAME);
            repo.commitAll("no manifest");

            ExecutorFailure failure = deployFails("main");

            assertEquals("/repo", failure.details().path(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("has no productos.service.yaml"), failure.getMessage());
            assertStillServingTheFirstRevision();
        }

        @Test
        void rollbackToARevisionThatNeverBecameReadyShouldBeRefused() throws Exception {
            repo.commit("crash", Map.of(ServiceManifest.FILE_NAME, "run: exit 1\n"));
            deployFails("main");

            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.rollback_service",
                            "{\"service_name\":\"web\",\"region\":\"local\",\"env\":\"dev\",\"target_revision\":\"web-00002\"}"));

            assertEquals(
                    "/target_revision",
                    failure.details().path(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("never became healthy"), failure.getMessage());
        }
    }

    @Nested
    class BadInputShouldBeAClearError {
        @Test
        void aRepoPathThatDoesNotExistShouldNameThePath() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.deploy_service",
                            Json.object()
                                    .put("service_name", "web")
                                    .put("repo", temp.resolve("nowhere").toString())
                                    .put("ref", "main")
                                    .put("env", "dev")
                                    .put("region", "local"),
                            "run-1"));

            assertEquals(400, failure.httpStatus());
            assertEquals("/repo", failure.details().path(0).path("pointer").asString());
            assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
        }

        @Test
        void aRelativeRepoPathShouldBeTakenFromTheWorkspaceFolderNotTheWorkingDirectory() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.deploy_service",
                            Json.object()
                                    .put("service_name", "web")
                                    .put("repo", "services/web")
                                    .put("ref", "main")
                                    .put("env", "dev")
                                    .put("region", "local"),
                            "run-1"));

            String expected = workspace
                    .root()
                    .resolve("services/web")
                    .toAbsolutePath()
                    .normalize()
                    .toString();
            assertTrue(
                    failure.getMessage().contains("repo folder " + expected + " does not exist"), failure.getMessage());
        }

        @Test
        void aFolderThatIsNotAGitRepositoryShouldSaySo() throws Exception {
            Path plain = Files.createDirectories(temp.resolve("plain"));

            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.deploy_service",
                            Json.object()
                                    .put("service_name", "web")
                                    .put("repo", plain.toUri().toString())
                                    .put("ref", "main")
                                    .put("env", "dev")
                                    .put("region", "local"),
                            "run-1"));

            assertTrue(failure.getMessage().contains("is not a git repository"), failure.getMessage());
        }

        @Test
        void aServiceNameCloudRunWouldRejectShouldBeRefused() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.deploy_service",
                            Json.object()
                                    .put("service_name", "../Web")
                                    .put("repo", repo.dir().toString())
                                    .put("ref", "main")
                                    .put("env", "dev")
                                    .put("region", "local"),
                            "run-1"));

            assertEquals(
                    "/service_name", failure.details().path(0).path("pointer").asString());
        }

        @Test
        void statusAndLogsOfAnUnknownServiceShouldBeNotFound() {
            ExecutorFailure status = assertThrows(ExecutorFailure.class, () -> status(deploy));
            ExecutorFailure logs = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            observability,
                            "logs.tail",
                            "{\"scope\":\"service\",\"service_name\":\"web\",\"limit\":10}"));

            assertEquals(404, status.httpStatus());
            assertEquals(404, logs.httpStatus());
            assertTrue(logs.getMessage().contains("no service named 'web'"), logs.getMessage());
        }

        @Test
        void rollbackWithNothingEarlierShouldBeAConflict() throws Exception {
            deploy(deploy, "main");

            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.rollback_service",
                            "{\"service_name\":\"web\",\"region\":\"local\",\"env\":\"dev\"}"));

            assertEquals(409, failure.httpStatus());
            assertTrue(failure.getMessage().contains("nothing to roll back to"), failure.getMessage());
        }

        @Test
        void aStablePortInUseShouldNameThePortAndTheSetting() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ProductOsConfig config = ProductOsConfig.of(
                        Json.parse("{\"deploy\":{\"local\":{\"services\":{\"web\":{\"front_port\":"
                                + taken.getLocalPort() + "}}}}}"),
                        Map.of());
                deploy.close();
                deploy = DeployModule.create(environment(config));

                ExecutorFailure failure = deployFails("main");

                assertEquals("port_in_use", failure.code());
                assertTrue(failure.getMessage().contains("port " + taken.getLocalPort()), failure.getMessage());
                assertTrue(failure.getMessage().contains("deploy.local.services.web.front_port"), failure.getMessage());
            }
        }
    }
}
