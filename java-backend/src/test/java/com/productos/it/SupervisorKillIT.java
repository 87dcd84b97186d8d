package com.productos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.deploy.SampleServiceRepo;
import com.productos.deploy.local.ServiceManifest;
import com.productos.json.Json;
import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat session of the offline planner, paused on a publish approval, outlives a backend killed with
 * SIGKILL: {@code serve --stdio} from the packaged jar is killed, a new one opens the same workspace,
 * the person approves there, and the session resumes, publishes once and leaves no run {@code running}.
 */
class SupervisorKillIT {
    private static final String PUBLISH = "marketing.publish_missinglettr";

    @TempDir
    Path temp;

    private final List<Process> backends = new ArrayList<>();
    private final List<ProcessHandle> seen = new ArrayList<>();

    @AfterEach
    void stopEveryBackend() throws Exception {
        for (Process backend : backends) {
            seen.addAll(backend.descendants().toList());
            backend.destroyForcibly();
            backend.waitFor(30, TimeUnit.SECONDS);
        }
        seen.forEach(ProcessHandle::destroyForcibly);
    }

    private Process serve(Path workspace, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        JarProcesses.command("serve", "--stdio", "--workspace", workspace.toString()))
                .redirectError(temp.resolve(name + "-stderr.txt").toFile());
        // This process is the backend itself, so killing it is killing the backend.
        builder.environment().put("PRODUCTOS_NO_DAEMON", "1");
        Process backend = builder.start();
        backends.add(backend);
        return backend;
    }

    private static void initialize(JsonRpcWireClient client) throws Exception {
        JsonNode init = client.call(
                "initialize",
                Json.parse("{\"processId\":" + ProcessHandle.current().pid() + "}"));
        assertTrue(init.has("result"), init.toString());
    }

    @Test
    void aSessionPausedOnAnApprovalShouldResumeInTheNextBackendAfterKillMinus9() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        String sessionId;
        String turnId;
        String approvalId;

        Process first = serve(workspace, "first");
        try (JsonRpcWireClient client = new JsonRpcWireClient(first.getInputStream(), first.getOutputStream())) {
            initialize(client);
            ObjectNode profile = Json.object().put("tool", "brand.update_profile");
            profile.putObject("input")
                    .put("profile_id", "default")
                    .set("patch", Json.parse(Files.readString(CliIT.fixture("brand/complete-profile.json"))));
            String profileRun =
                    client.call("runs/start", profile).path("result").path("id").asString();
            awaitRunStatus(client, profileRun, "succeeded");

            JsonNode posts = client.call(
                            "supervisor/send",
                            Json.object().put("text", "write posts for x and linkedin about our new invite button"))
                    .path("result");
            sessionId = posts.path("sessionId").asString();
            JsonNode written = last(turnEvents(client, posts.path("turnId").asString()));
            assertEquals("completed", written.path("stopReason").asString(), written.toString());

            JsonNode publish = client.call(
                            "supervisor/send",
                            Json.object().put("sessionId", sessionId).put("text", "publish them now"))
                    .path("result");
            turnId = publish.path("turnId").asString();
            List<JsonNode> paused = turnEvents(client, turnId);
            JsonNode approval = only(paused, event -> "approval_needed".equals(type(event)));
            assertEquals(PUBLISH, approval.path("tool").asString());
            approvalId = approval.path("approvalId").asString();
            assertEquals("awaiting_approval", last(paused).path("stopReason").asString(), paused.toString());
        }

        List<ProcessHandle> children = first.descendants().toList();
        seen.addAll(children);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing closed
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed backend did not die");
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        assertTrue(
                WorkspaceBackendProcesses.eventually(
                        Duration.ofSeconds(10), () -> children.stream().noneMatch(ProcessHandle::isAlive)),
                "children of the killed backend still alive: " + children);

        Process second = serve(workspace, "second");
        try (JsonRpcWireClient client = new JsonRpcWireClient(second.getInputStream(), second.getOutputStream())) {
            initialize(client);
            JsonNode session = client.call("sessions/get", Json.object().put("sessionId", sessionId))
                    .path("result");
            assertEquals(
                    "awaiting_approval", session.path("session").path("status").asString(), session.toString());
            JsonNode pending = client.call("approvals/list", Json.object().put("status", "pending"))
                    .path("result")
                    .path("approvals");
            assertEquals(1, pending.size(), pending.toString());
            assertEquals(approvalId, pending.get(0).path("id").asString(), pending.toString());

            JsonNode decided = client.call(
                    "approvals/decide",
                    Json.object()
                            .put("approvalId", approvalId)
                            .put("decision", "approve")
                            .put("note", "go"));
            assertTrue(decided.has("result"), decided.toString());
            List<JsonNode> resumed = turnEvents(client, turnId);
            JsonNode update = only(resumed, event -> "run_updated".equals(type(event)));
            assertEquals("succeeded", update.path("status").asString(), resumed.toString());
            assertEquals("completed", last(resumed).path("stopReason").asString(), resumed.toString());

            JsonNode runs = runs(client, Json.object());
            List<String> running = new ArrayList<>();
            runs.forEach(run -> {
                String status = run.path("status").asString();
                if (status.equals("running") || status.equals("queued")) running.add(run.toString());
            });
            assertEquals(List.of(), running, "runs left running after the restart");
            JsonNode publishes = runs(client, Json.object().put("tool", PUBLISH));
            assertEquals(1, publishes.size(), "the publish ran once: " + publishes);
            assertEquals("succeeded", publishes.get(0).path("status").asString(), publishes.toString());
            assertEquals(sessionId, publishes.get(0).path("sessionId").asString(), publishes.toString());

            JsonNode after = client.call("sessions/get", Json.object().put("sessionId", sessionId))
                    .path("result");
            assertEquals("idle", after.path("session").path("status").asString(), after.toString());

            client.call("shutdown", null);
            client.notify("exit", null);
            assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the second backend did not exit");
            assertTrue(
                    client.protocolViolations().isEmpty(),
                    client.protocolViolations().toString());
        }
    }

    @Test
    void aTurnKilledDuringADeployShouldLeaveTheRunInterruptedNotRunningAndNotRunItAgain() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Path marker = temp.resolve("build.pid");
        SampleServiceRepo repo = SampleServiceRepo.create(temp.resolve("web"));
        repo.commit(
                "a build that stays in progress",
                Map.of(
                        ServiceManifest.FILE_NAME,
                        "build: echo build started; sleep 300 & echo $! > '" + marker
                                + "'; wait\nrun: node server.js\nhealth_path: /healthz\n"));
        String sessionId;
        String runId;

        Process first = serve(workspace, "first");
        try (JsonRpcWireClient client = new JsonRpcWireClient(first.getInputStream(), first.getOutputStream())) {
            initialize(client);
            JsonNode sent = client.call(
                            "supervisor/send", Json.object().put("text", "deploy web from " + repo.dir() + " to dev"))
                    .path("result");
            sessionId = sent.path("sessionId").asString();
            JsonRpcWireClient.Frame started = client.next(f -> f.isNotification("supervisor/event")
                    && "run_started".equals(type(f.json().path("params"))));
            runId = started.json().path("params").path("runId").asString();
            // A deploy the supervisor proposes waits for a person, even to dev; approve it so the build starts.
            JsonRpcWireClient.Frame approval = client.next(f -> f.isNotification("supervisor/event")
                    && "approval_needed".equals(type(f.json().path("params"))));
            JsonNode decided = client.call(
                    "approvals/decide",
                    Json.object()
                            .put(
                                    "approvalId",
                                    approval.json()
                                            .path("params")
                                            .path("approvalId")
                                            .asString())
                            .put("decision", "approve"));
            assertTrue(decided.has("result"), decided.toString());
            if (!WorkspaceBackendProcesses.eventually(Duration.ofSeconds(90), () -> buildPid(marker) > 0)) {
                throw new AssertionError("the build never started: "
                        + client.call("runs/get", Json.object().put("runId", runId)) + "; frames: "
                        + client.drainQuietly(200));
            }
        }
        ProcessHandle build = ProcessHandle.of(buildPid(marker)).orElseThrow();
        seen.add(build);
        seen.addAll(first.descendants().toList());
        first.destroyForcibly(); // SIGKILL while the deploy's build runs
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the killed backend did not die");

        Process second = serve(workspace, "second");
        try (JsonRpcWireClient client = new JsonRpcWireClient(second.getInputStream(), second.getOutputStream())) {
            initialize(client);
            assertTrue(
                    WorkspaceBackendProcesses.eventually(Duration.ofSeconds(30), () -> !build.isAlive()),
                    "the killed backend's build outlived the next backend's start");
            JsonNode run = client.call("runs/get", Json.object().put("runId", runId));
            assertEquals("interrupted", run.path("result").path("status").asString(), run.toString());
            JsonNode running = runs(client, Json.object().put("status", "running"));
            assertEquals(0, running.size(), running.toString());
            JsonNode deploys = runs(client, Json.object().put("tool", "cloudrun.deploy_service"));
            assertEquals(1, deploys.size(), "the deploy was not run again: " + deploys);

            JsonNode session = client.call("sessions/get", Json.object().put("sessionId", sessionId))
                    .path("result");
            assertEquals("idle", session.path("session").path("status").asString(), session.toString());
            JsonNode messages = session.path("messages");
            String lastText = messages.get(messages.size() - 1).path("text").asString();
            assertTrue(lastText.contains("interrupted") && lastText.contains(runId), session.toString());

            client.call("shutdown", null);
            client.notify("exit", null);
            assertTrue(second.waitFor(30, TimeUnit.SECONDS), "the second backend did not exit");
            assertTrue(
                    client.protocolViolations().isEmpty(),
                    client.protocolViolations().toString());
        }
    }

    private static long buildPid(Path marker) {
        try {
            String text = Files.exists(marker) ? Files.readString(marker).strip() : "";
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static JsonNode runs(JsonRpcWireClient client, ObjectNode filter) throws Exception {
        JsonNode answer = client.call("runs/list", filter.put("limit", 500));
        assertTrue(answer.has("result"), answer.toString());
        return answer.path("result").path("runs");
    }

    private static String type(JsonNode event) {
        return event.path("type").asString();
    }

    private static JsonNode last(List<JsonNode> events) {
        return events.get(events.size() - 1);
    }

    private static JsonNode only(List<JsonNode> events, Predicate<JsonNode> wanted) {
        List<JsonNode> matching = events.stream().filter(wanted).toList();
        assertEquals(1, matching.size(), events.toString());
        return matching.get(0);
    }

    /** supervisor/event params of {@code turnId}, up to and including its next turn_finished. */
    private static List<JsonNode> turnEvents(JsonRpcWireClient client, String turnId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            JsonRpcWireClient.Frame frame = client.next(
                    f -> f.isNotification("supervisor/event")
                            && turnId.equals(
                                    f.json().path("params").path("turnId").asString()),
                    500);
            if (frame == null) continue;
            JsonNode event = frame.json().path("params");
            events.add(event);
            if ("turn_finished".equals(type(event))) return events;
        }
        throw new AssertionError("turn " + turnId + " did not finish; events: " + events);
    }

    private static void awaitRunStatus(JsonRpcWireClient client, String runId, String status) throws Exception {
        client.notification(
                "runs/updated",
                params -> runId.equals(params.path("id").asString())
                        && status.equals(params.path("status").asString()));
    }
}
