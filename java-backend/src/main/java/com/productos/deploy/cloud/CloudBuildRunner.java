package com.productos.deploy.cloud;

import com.productos.deploy.DeployRequest;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorLog;
import com.productos.googlecloud.CloudSettings;
import com.productos.googlecloud.GoogleCredentialsSource;
import com.productos.googlecloud.GoogleRest;
import com.productos.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one Cloud Build v1 build over REST: git source, a docker build, the image pushed to Artifact
 * Registry. The build operation is polled (first wait poll_initial_millis, then x1.5 up to
 * poll_max_millis) for at most operation_timeout_seconds.
 */
final class CloudBuildRunner {
    /** A finished successful build: its id, the pushed image (by digest when known) and its log URL. */
    record BuiltImage(String buildId, String image, String logUrl) {}

    /** Build.Status numbers, for answers that use integer enums. */
    private static final Map<Integer, String> STATUS_NUMBERS = Map.of(
            0,
            "STATUS_UNKNOWN",
            10,
            "PENDING",
            1,
            "QUEUED",
            2,
            "WORKING",
            3,
            "SUCCESS",
            4,
            "FAILURE",
            5,
            "INTERNAL_ERROR",
            6,
            "TIMEOUT",
            7,
            "CANCELLED",
            9,
            "EXPIRED");

    private static final String ROLE = "roles/cloudbuild.builds.editor";
    private final CloudSettings settings;
    private final GoogleRest rest;

    CloudBuildRunner(CloudSettings settings, GoogleCredentialsSource credentials) {
        this.settings = settings;
        this.rest = new GoogleRest("Cloud Build", settings.buildEndpoint(), credentials);
    }

    BuiltImage build(DeployRequest request, String image, ExecutorLog log) throws ExecutorFailure {
        ObjectNode build = Json.object();
        ObjectNode git = build.putObject("source")
                .putObject("gitSource")
                .put("url", request.repo())
                .put("revision", request.ref());
        if (!".".equals(request.buildContext())) git.put("dir", request.buildContext());
        ObjectNode step = build.putArray("steps").addObject().put("name", "gcr.io/cloud-builders/docker");
        step.putArray("args")
                .add("build")
                .add("-t")
                .add(image)
                .add("-f")
                .add(request.dockerfilePath())
                .add(".");
        build.putArray("images").add(image);
        if (settings.buildServiceAccount() != null) build.put("serviceAccount", settings.buildServiceAccount());

        JsonNode operation = rest.post("/v1/projects/" + settings.project() + "/builds", build, ROLE);
        String buildId = operation.path("metadata").path("build").path("id").asString("");
        log.info("Cloud Build " + buildId + " started for " + request.repo() + " at " + request.ref());
        JsonNode done = await(operation, buildId);
        if (done.has("error")) {
            throw new ExecutorFailure(
                    422,
                    "build_failed",
                    "Cloud Build " + buildId + " failed: "
                            + done.path("error").path("message").asString("no message") + "; nothing was deployed");
        }
        JsonNode result = done.path("response");
        String status = status(result.path("status"));
        String logUrl = result.path("logUrl").asString("");
        if (!"SUCCESS".equals(status)) {
            String detail = result.path("statusDetail").asString("");
            throw new ExecutorFailure(
                    422,
                    "build_failed",
                    "Cloud Build " + buildId + " ended " + status + (detail.isEmpty() ? "" : " (" + detail + ")")
                            + "; nothing was deployed. Build log: " + logUrl,
                    Json.object().put("build_id", buildId).put("status", status).put("log_url", logUrl));
        }
        String pushed = image;
        for (JsonNode built : result.path("results").path("images")) {
            if (built.path("name").asString("").equals(image)
                    && !built.path("digest").asString("").isEmpty()) {
                pushed = image.substring(0, image.lastIndexOf(':')) + "@"
                        + built.path("digest").asString();
            }
        }
        return new BuiltImage(result.path("id").asString(buildId), pushed, logUrl);
    }

    private JsonNode await(JsonNode operation, String buildId) throws ExecutorFailure {
        Instant deadline = Instant.now().plus(settings.operationTimeout());
        Duration wait = settings.pollInitial();
        JsonNode current = operation;
        while (!current.path("done").asBoolean(false)) {
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new ExecutorFailure(
                        504,
                        "cloud_operation_timeout",
                        "Cloud Build " + buildId + " did not finish within"
                                + " deploy.cloudrun.operation_timeout_seconds ("
                                + settings.operationTimeout().toSeconds()
                                + " s); it may still be running: check it in the Cloud Build console");
            }
            LockSupport.parkNanos(wait.toNanos());
            if (Thread.interrupted())
                throw ExecutorFailure.unavailable("interrupted while waiting for Cloud Build " + buildId);
            current = rest.get("/v1/" + operation.path("name").asString(), ROLE);
            long nextMillis = Math.min(settings.pollMax().toMillis(), Math.round(wait.toMillis() * 1.5));
            wait = Duration.ofMillis(Math.max(1, nextMillis));
        }
        return current;
    }

    private static String status(JsonNode value) {
        return value.isIntegralNumber()
                ? STATUS_NUMBERS.getOrDefault(value.asInt(), "STATUS_UNKNOWN")
                : value.asString("STATUS_UNKNOWN");
    }
}
