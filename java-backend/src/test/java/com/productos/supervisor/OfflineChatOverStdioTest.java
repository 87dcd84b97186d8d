package com.productos.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.testing.JsonRpcWireClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The offline planner end to end through {@code productos serve --stdio} in its own process: a chat
 * that writes posts, asks to publish them, pauses for the approval, and accepts the person's denial.
 */
class OfflineChatOverStdioTest {
    @TempDir
    Path workspace;

    private Process serve() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "com.productos.cli.Main",
                        "serve",
                        "--stdio",
                        "--workspace",
                        workspace.toString()))
                .redirectError(workspace.resolve("stderr.txt").toFile())
                .start();
    }

    /** supervisor/event params up to and including the turn's turn_finished. */
    private static List<JsonNode> turnEvents(JsonRpcWireClient client, String turnId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode note = client.nextNotification(500);
            if (note == null || !"supervisor/event".equals(note.path("method").asString())) continue;
            JsonNode event = note.path("params");
            if (!turnId.equals(event.path("turnId").asString())) continue;
            events.add(event);
            if ("turn_finished".equals(event.path("type").asString())) return events;
        }
        throw new AssertionError("turn " + turnId + " did not finish; events: " + events);
    }

    private static void awaitRun(JsonRpcWireClient client, String runId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode note = client.nextNotification(500);
            if (note != null
                    && "runs/updated".equals(note.path("method").asString())
                    && runId.equals(note.path("params").path("id").asString())
                    && "succeeded".equals(note.path("params").path("status").asString())) {
                return;
            }
        }
        throw new AssertionError("run " + runId + " did not succeed");
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asString()).toList();
    }

    @Test
    void aChatShouldPlanCallPauseForApprovalAndAcceptADenial() throws Exception {
        Process server = serve();
        try (JsonRpcWireClient client = new JsonRpcWireClient(server.getInputStream(), server.getOutputStream())) {
            client.call(
                    "initialize",
                    Json.parse("{\"processId\":" + ProcessHandle.current().pid() + "}"));
            JsonNode info = client.call("supervisor/info", Json.object()).path("result");
            assertEquals("offline", info.path("model").path("provider").asString());

            tools.jackson.databind.node.ObjectNode profile = Json.object().put("tool", "brand.update_profile");
            profile.putObject("input")
                    .put("profile_id", "default")
                    .set(
                            "patch",
                            Json.parse(java.nio.file.Files.readString(
                                    Path.of("..", "test-fixtures", "brand", "complete-profile.json"))));
            String profileRun =
                    client.call("runs/start", profile).path("result").path("id").asString();
            awaitRun(client, profileRun);

            JsonNode sent = client.call(
                            "supervisor/send",
                            Json.object().put("text", "write posts for x and linkedin about our new invite button"))
                    .path("result");
            String sessionId = sent.path("sessionId").asString();
            List<JsonNode> first = turnEvents(client, sent.path("turnId").asString());
            assertEquals(
                    List.of(
                            "assistant_text",
                            "tool_call_proposed",
                            "run_started",
                            "run_updated",
                            "assistant_text",
                            "turn_finished"),
                    types(first),
                    first.toString());
            assertEquals(
                    "marketing.generate_channel_posts",
                    first.get(1).path("tool").asString());
            assertEquals(
                    "succeeded",
                    first.get(3).path("status").asString(),
                    first.get(3).toString());
            assertEquals("completed", first.get(5).path("stopReason").asString());

            JsonNode again = client.call(
                            "supervisor/send",
                            Json.object().put("sessionId", sessionId).put("text", "publish them now"))
                    .path("result");
            List<JsonNode> second = turnEvents(client, again.path("turnId").asString());
            JsonNode approval = second.stream()
                    .filter(e -> e.path("type").asString().equals("approval_needed"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("marketing.publish_missinglettr", approval.path("tool").asString());
            assertEquals(
                    "awaiting_approval",
                    second.get(second.size() - 1).path("stopReason").asString());
            JsonNode busy = client.call(
                    "supervisor/send", Json.object().put("sessionId", sessionId).put("text", "hello?"));
            assertEquals(-31016, busy.path("error").path("code").asInt(), busy.toString());

            client.call(
                    "approvals/decide",
                    Json.object()
                            .put("approvalId", approval.path("approvalId").asString())
                            .put("decision", "deny")
                            .put("note", "not now"));
            List<JsonNode> resumed = turnEvents(client, again.path("turnId").asString());
            JsonNode update = resumed.stream()
                    .filter(e -> e.path("type").asString().equals("run_updated"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("denied", update.path("status").asString());
            JsonNode said = resumed.stream()
                    .filter(e -> e.path("type").asString().equals("assistant_text"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(said.path("text").asString().contains("not done"), said.toString());
            assertEquals(
                    "completed",
                    resumed.get(resumed.size() - 1).path("stopReason").asString());

            long seq = 0;
            List<JsonNode> all = new ArrayList<>(first);
            all.addAll(second);
            all.addAll(resumed);
            for (JsonNode event : all) {
                assertTrue(event.path("seq").asLong() > seq, "seq increases: " + event);
                seq = event.path("seq").asLong();
            }

            JsonNode sessions =
                    client.call("sessions/list", Json.object()).path("result").path("sessions");
            assertEquals(sessionId, sessions.get(0).path("id").asString());
            assertEquals("idle", sessions.get(0).path("status").asString());
            JsonNode session = client.call("sessions/get", Json.object().put("sessionId", sessionId))
                    .path("result");
            assertEquals("user", session.path("messages").get(0).path("role").asString());
            assertTrue(session.path("messages").size() >= 6, session.toString());
            JsonNode missing = client.call("sessions/get", Json.object().put("sessionId", "ses-none"));
            assertEquals(-31015, missing.path("error").path("code").asInt());
            JsonNode blank = client.call("supervisor/send", Json.object().put("text", " "));
            assertEquals(-32602, blank.path("error").path("code").asInt());

            client.call("shutdown", null);
            client.notify("exit", null);
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertTrue(
                    client.protocolViolations().isEmpty(),
                    client.protocolViolations().toString());
        } finally {
            server.destroyForcibly();
        }
    }
}
