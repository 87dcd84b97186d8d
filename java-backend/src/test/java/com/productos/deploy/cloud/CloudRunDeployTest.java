package com.productos.deploy.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.config.ProductOsConfig;
import com.productos.config.Workspace;
import com.productos.deploy.Calls;
import com.productos.deploy.DeployModule;
import com.productos.executors.ExecutorEnvironment;
import com.productos.executors.ExecutorFailure;
import com.productos.json.Json;
import com.productos.observability.ObservabilityModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CloudRunDeployTest {
    private static final String SERVICE = "projects/acme-prod/locations/us-central1/services/web";

    @TempDir
    Path temp;

    private FakeGoogleCloud cloud;
    private Workspace workspace;
    private DeployModule deploy;

    @BeforeEach
    void setUp() throws Exception {
        cloud = new FakeGoogleCloud();
        workspace = Workspace.open(temp);
        deploy = DeployModule.create(environment(cloudConfig(c -> {})));
    }

    @AfterEach
    void tearDown() throws Exception {
        deploy.close();
        cloud.close();
    }

    private ProductOsConfig cloudConfig(java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode root = Json.object();
        ObjectNode cloudrun = root.putObject("deploy")
                .put("backend", "cloudrun")
                .putObject("cloudrun")
                .put("project", "acme-prod")
                .put("image_repository", "us-central1-docker.pkg.dev/acme-prod/services")
                .put("credentials", "none")
                .put("poll_initial_millis", 10)
                .put("poll_max_millis", 20)
                .put("operation_timeout_seconds", 10);
        cloudrun.putObject("endpoints")
                .put("run", cloud.url())
                .put("build", cloud.url())
                .put("logging", cloud.url());
        edit.accept(cloudrun);
        return ProductOsConfig.of(root, Map.of());
    }

    private ExecutorEnvironment environment(ProductOsConfig config) {
        return new ExecutorEnvironment(workspace, Calls.REGISTRY, config, Clock.systemUTC());
    }

    private static ObjectNode deployInput(String ref) {
        ObjectNode input = Json.object()
                .put("service_name", "web")
                .put("repo", "https://github.com/acme/web.git")
                .put("ref", ref)
                .put("env", "prod")
                .put("region", "us-central1");
        input.putObject("env_vars").put("ANALYTICS_URL", "https://analytics.example.com");
        input.putObject("deploy")
                .put("cpu", "1")
                .put("memory", "512Mi")
                .put("min_instances", 0)
                .put("max_instances", 3)
                .put("concurrency", 40)
                .put("timeout_seconds", 300)
                .put("service_account_email", "web-runtime@acme-prod.iam.gserviceaccount.com")
                .put("allow_unauthenticated", true);
        return input;
    }

    private JsonNode deploy(String ref) throws ExecutorFailure {
        return Calls.call(deploy, "cloudrun.deploy_service", deployInput(ref), "run-" + ref);
    }

    private List<FakeGoogleCloud.Request> requests(String method, String pathPart) {
        return cloud.requests.stream()
                .filter(r -> r.method().equals(method) && r.path().contains(pathPart))
                .toList();
    }

    @Test
    void deployShouldBuildWithCloudBuildThenCreateTheServiceFromTheBuiltImage() throws Exception {
        JsonNode output = deploy("main");

        assertEquals(
                "https://web-abc123-uc.a.run.app", output.path("service_url").asString());
        assertTrue(output.path("revision").asString().startsWith("web-00001-"), output.toString());
        assertEquals("build-1", output.path("build_id").asString());

        JsonNode build = Json.parse(
                requests("POST", "/v1/projects/acme-prod/builds").get(0).body());
        assertEquals(
                "https://github.com/acme/web.git",
                build.path("source").path("gitSource").path("url").asString());
        assertEquals(
                "main", build.path("source").path("gitSource").path("revision").asString());
        assertEquals(
                "gcr.io/cloud-builders/docker",
                build.path("steps").path(0).path("name").asString());
        String image = build.path("images").path(0).asString();
        assertTrue(image.startsWith("us-central1-docker.pkg.dev/acme-prod/services/web:"), image);

        FakeGoogleCloud.Request create = requests("POST", "/v2/projects/acme-prod/locations/us-central1/services")
                .get(0);
        assertTrue(create.query().contains("serviceId=web"), create.query());
        assertTrue(create.query().contains("enum-encoding=int"), "requests ask for integer enums: " + create.query());
        JsonNode template = Json.parse(create.body()).path("template");
        JsonNode container = template.path("containers").path(0);
        assertTrue(container.path("image").asString().contains("@sha256:"), "deploys the built digest: " + container);
        assertEquals("ANALYTICS_URL", container.path("env").path(0).path("name").asString());
        assertEquals(
                "512Mi",
                container.path("resources").path("limits").path("memory").asString());
        assertEquals(3, template.path("scaling").path("maxInstanceCount").asInt());
        assertEquals(40, template.path("maxInstanceRequestConcurrency").asInt());
        assertEquals("300s", template.path("timeout").asString());
        assertEquals(
                "web-runtime@acme-prod.iam.gserviceaccount.com",
                template.path("serviceAccount").asString());
        assertEquals(
                1,
                Json.parse(create.body()).path("traffic").path(0).path("type").asInt(),
                "LATEST as an integer enum");
        assertTrue(requests("POST", ":setIamPolicy").get(0).body().contains("allUsers"));
        assertTrue(requests("GET", "/operations/").size() >= 2, "operations are polled until done");

        JsonNode status = Calls.call(
                deploy, "cloudrun.get_service_status", "{\"service_name\":\"web\",\"region\":\"us-central1\"}");
        assertEquals("ready", status.path("status").asString());
        assertEquals(
                output.path("revision").asString(),
                status.path("latest_ready_revision").asString());
    }

    @Test
    void aSecondDeployShouldPatchTheServiceThroughTheMethodOverride() throws Exception {
        deploy("main");

        JsonNode second = deploy("v2");

        assertTrue(
                second.path("revision").asString().startsWith("web-00002-"),
                second + " after "
                        + cloud.requests.stream()
                                .map(r -> r.method() + " " + r.path() + " "
                                        + r.headers().get("x-http-method-override"))
                                .toList());
        FakeGoogleCloud.Request patch = requests("PATCH", SERVICE).get(0);
        assertEquals("PATCH", patch.headers().get("x-http-method-override"));
    }

    @Test
    void rollbackShouldSendAllTrafficToThePreviousReadyRevisionFoundByPagingRevisions() throws Exception {
        String first = deploy("v1").path("revision").asString();
        String second = deploy("v2").path("revision").asString();
        String third = deploy("v3").path("revision").asString();

        JsonNode output = Calls.call(
                deploy,
                "cloudrun.rollback_service",
                "{\"service_name\":\"web\",\"region\":\"us-central1\",\"env\":\"prod\"}");

        assertEquals(second, output.path("revision").asString());
        assertEquals(third, output.path("previous_revision").asString());
        assertEquals(2, requests("GET", "/revisions").size(), "three revisions come in two pages");
        JsonNode traffic = Json.parse(requests("PATCH", SERVICE)
                        .get(requests("PATCH", SERVICE).size() - 1)
                        .body())
                .path("traffic");
        assertEquals(2, traffic.path(0).path("type").asInt(), "REVISION as an integer enum");
        assertEquals(second, traffic.path(0).path("revision").asString());
        assertEquals(100, traffic.path(0).path("percent").asInt());

        JsonNode named = Calls.call(
                deploy,
                "cloudrun.rollback_service",
                "{\"service_name\":\"web\",\"region\":\"us-central1\",\"env\":\"prod\",\"target_revision\":\"" + SERVICE
                        + "/revisions/" + first + "\"}");
        assertEquals(first, named.path("revision").asString());
    }

    @Nested
    class Failures {
        @Test
        void aFailedBuildShouldReportTheBuildAndDeployNothing() {
            cloud.buildOutcome = "FAILURE";

            ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> deploy("main"));

            assertEquals("build_failed", failure.code());
            assertTrue(failure.getMessage().contains("FAILURE"), failure.getMessage());
            assertTrue(
                    failure.details().path("log_url").asString().contains("build-1"),
                    failure.details().toString());
            assertTrue(requests("POST", "/services").isEmpty(), "no service call after a failed build");
        }

        @Test
        void aRevisionThatFailsToStartShouldBeAnErrorWhileThePreviousKeepsServing() throws Exception {
            String good = deploy("main").path("revision").asString();
            ObjectNode crashing = deployInput("v2");
            ((ObjectNode) crashing.path("env_vars")).put("SAMPLE_FAIL_AT_START", "1");

            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class, () -> Calls.call(deploy, "cloudrun.deploy_service", crashing, "run-crash"));

            assertTrue(failure.getMessage().contains("is not ready and cannot serve traffic"), failure.getMessage());
            assertTrue(failure.getMessage().contains("keeps serving"), failure.getMessage());
            JsonNode status = Calls.call(
                    deploy, "cloudrun.get_service_status", "{\"service_name\":\"web\",\"region\":\"us-central1\"}");
            assertEquals("error", status.path("status").asString());
            assertEquals(good, status.path("latest_ready_revision").asString());
        }

        @Test
        void anOperationThatNeverFinishesShouldTimeOutWithinTheConfiguredBound() throws Exception {
            deploy.close();
            deploy = DeployModule.create(environment(cloudConfig(c -> c.put("operation_timeout_seconds", 1))));
            cloud.operationsHang = true;
            Instant start = Instant.now();

            ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> deploy("main"));

            assertEquals("cloud_operation_timeout", failure.code());
            assertTrue(failure.getMessage().contains("operation_timeout_seconds"), failure.getMessage());
            assertTrue(java.time.Duration.between(start, Instant.now()).toSeconds() < 10, "bounded wait");
        }

        @Test
        void rejectedCredentialsShouldSayWhatToCheck() {
            cloud.failEverythingWith = 401;

            ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> deploy("main"));

            assertEquals("credentials_rejected", failure.code());
            assertTrue(failure.getMessage().contains("deploy.cloudrun.credentials_file"), failure.getMessage());
        }

        @Test
        void aMissingKeyFileShouldNameTheSettingToFix() throws Exception {
            deploy.close();
            deploy = DeployModule.create(environment(cloudConfig(c -> c.remove("credentials"))));
            deploy.close();
            Path missing = temp.resolve("missing-key.json");
            deploy = DeployModule.create(environment(cloudConfig(c -> {
                c.remove("credentials");
                c.put("credentials_file", missing.toString());
            })));

            ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> deploy("main"));

            assertEquals("credentials_missing", failure.code());
            assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("GOOGLE_APPLICATION_CREDENTIALS"), failure.getMessage());
        }

        @Test
        void aKeyFileThatIsNotAKeyShouldSaySoWithoutItsContent() throws Exception {
            Path bogus = Files.writeString(
                    temp.resolve("key.json"), "{\"type\":\"service_account\",\"private_key\":\"s3cr3t\"}");
            deploy.close();
            deploy = DeployModule.create(environment(cloudConfig(c -> {
                c.remove("credentials");
                c.put("credentials_file", bogus.toString());
            })));

            ExecutorFailure failure = assertThrows(ExecutorFailure.class, () -> deploy("main"));

            assertEquals("credentials_missing", failure.code());
            assertTrue(failure.getMessage().contains("is not a Google service-account key"), failure.getMessage());
            assertFalse(failure.getMessage().contains("s3cr3t"));
        }

        @Test
        void aRepoCloudBuildCannotFetchShouldBeRefused() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.deploy_service",
                            deployInput("main").put("repo", "/home/me/web"),
                            "run-x"));

            assertEquals("/repo", failure.details().path(0).path("pointer").asString());
        }

        @Test
        void statusOfAServiceThatDoesNotExistShouldBeNotFound() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            deploy,
                            "cloudrun.get_service_status",
                            "{\"service_name\":\"nope\",\"region\":\"us-central1\"}"));

            assertEquals(404, failure.httpStatus());
            assertTrue(failure.getMessage().contains("does not exist"), failure.getMessage());
        }
    }

    @Nested
    class LogsFromCloudLogging {
        private ObservabilityModule observability;

        @BeforeEach
        void setUp() {
            observability = ObservabilityModule.create(environment(cloudConfig(c -> {})));
            for (int i = 1; i <= 5; i++) {
                ObjectNode entry = Json.object()
                        .put("timestamp", Instant.now().minusSeconds(60 - i).toString())
                        .put("severity", i == 5 ? "ERROR" : "INFO");
                if (i % 2 == 0) entry.putObject("jsonPayload").put("message", "json line " + i);
                else entry.put("textPayload", "text line " + i);
                entry.putObject("resource")
                        .put("type", "cloud_run_revision")
                        .putObject("labels")
                        .put("service_name", "web");
                cloud.logEntries.add(entry);
            }
        }

        @AfterEach
        void tearDown() {
            observability.close();
        }

        @Test
        void tailShouldReturnTheNewestLinesOldestFirstPagingPastAnEmptyPage() throws Exception {
            JsonNode lines = Calls.call(
                            observability,
                            "logs.tail",
                            "{\"scope\":\"service\",\"service_name\":\"web\",\"region\":\"us-central1\",\"limit\":3}")
                    .path("lines");

            assertEquals(3, lines.size());
            assertEquals("text line 3", lines.path(0).path("text").asString());
            assertEquals("json line 4", lines.path(1).path("text").asString());
            assertEquals("ERROR", lines.path(2).path("severity").asString());
            List<FakeGoogleCloud.Request> calls = requests("POST", "/v2/entries:list");
            assertEquals(2, calls.size(), "the first, empty page had a token");
            JsonNode body = Json.parse(calls.get(0).body());
            assertTrue(
                    body.path("filter").asString().contains("resource.type=\"cloud_run_revision\""), body.toString());
            assertTrue(
                    body.path("filter").asString().contains("resource.labels.location=\"us-central1\""),
                    body.toString());
            assertEquals("timestamp desc", body.path("orderBy").asString());
            assertEquals(
                    "projects/acme-prod", body.path("resourceNames").path(0).asString());
        }

        @Test
        void aServiceThatDoesNotExistShouldBeNotFound() {
            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            observability,
                            "logs.tail",
                            "{\"scope\":\"service\",\"service_name\":\"ghost\",\"region\":\"us-central1\",\"limit\":3}"));

            assertEquals(404, failure.httpStatus());
            assertTrue(failure.getMessage().contains("ghost"), failure.getMessage());
        }

        @Test
        void rejectedCredentialsShouldSayWhatToCheck() {
            cloud.failEverythingWith = 401;

            ExecutorFailure failure = assertThrows(
                    ExecutorFailure.class,
                    () -> Calls.call(
                            observability,
                            "logs.tail",
                            "{\"scope\":\"service\",\"service_name\":\"web\",\"limit\":3}"));

            assertEquals("credentials_rejected", failure.code());
        }
    }
}
