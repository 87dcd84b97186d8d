package com.productos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.runs.Run;
import com.productos.runs.RunStatus;
import com.productos.testing.CliProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The TypeScript SDK's client (@modelcontextprotocol/sdk, test-fixtures/mcp-clients/ts-client-scenario.mjs)
 * calling a tool, hitting an approval that a person then decides, and cancelling a running call: over
 * streamable HTTP against the in-process host, and over stdio against {@code productos mcp --stdio}.
 */
class McpTypeScriptClientTest {
    @TempDir
    Path workspace;

    @Test
    void overHttpShouldCallHitAnApprovalAndCancel() throws Exception {
        try (HttpMcpFixture fixture = new HttpMcpFixture(workspace);
                NodeProcess client = NodeProcess.start(
                        workspace.resolve("node"),
                        Map.of(
                                "MCP_SERVER_URL",
                                fixture.url(),
                                "MCP_BEARER_TOKEN",
                                fixture.token,
                                "PROFILE_UPDATE",
                                profileUpdate()),
                        "ts-client-scenario.mjs")) {
            JsonNode approval = runUntilApproval(client);
            Run released =
                    fixture.controlPlane().decide(approval.get("approvalId").asString(), true, "user:test", null);
            fixture.controlPlane().settle(released.id()).get(60, TimeUnit.SECONDS);
            client.send("decided");
            String cancelledRunId = assertResumedAndCancelled(client);
            assertEquals(0, client.await(60), client.transcript());
            assertEquals(
                    RunStatus.CANCELLED,
                    fixture.controlPlane().get(cancelledRunId).status());
        }
    }

    @Test
    void overStdioShouldCallHitAnApprovalAndCancel() throws Exception {
        try (SlowExecutor marketing = new SlowExecutor()) {
            Map<String, String> environment = new HashMap<>();
            environment.put(
                    "MCP_SERVER_COMMAND",
                    Json.MAPPER.writeValueAsString(McpTestSupport.serverCommand(workspace, "--stdio")));
            environment.put("PROFILE_UPDATE", profileUpdate());
            environment.put("PRODUCTOS_EXECUTOR_MARKETING_URL", marketing.url());
            environment.put("PRODUCTOS_EXECUTOR_MARKETING_AUTH", "none");
            try (NodeProcess client =
                    NodeProcess.start(workspace.resolve("node"), environment, "ts-client-scenario.mjs")) {
                JsonNode approval = runUntilApproval(client);
                CliProcess.Result approved = CliProcess.run(
                        workspace.resolve("cli"),
                        Map.of(),
                        "approvals",
                        "approve",
                        approval.get("approvalId").asString(),
                        "--workspace",
                        workspace.toString());
                assertEquals(0, approved.exitCode(), approved.toString());
                client.send("decided");
                assertResumedAndCancelled(client);
                assertEquals(0, client.await(60), client.transcript());
            }
        }
    }

    private static JsonNode runUntilApproval(NodeProcess client) throws Exception {
        JsonNode tools = Json.parse(client.nextLine());
        assertEquals("tools", tools.get("event").asString(), client.transcript());
        assertTrue(tools.get("names").toString().contains("brand.update_profile"), tools.toString());
        JsonNode called = Json.parse(client.nextLine());
        assertEquals(false, called.get("isError").asBoolean(), called.toString());
        assertEquals(1, called.path("structured").path("accepted").asInt(), called.toString());
        JsonNode approval = Json.parse(client.nextLine());
        assertEquals("approval", approval.get("event").asString(), approval.toString());
        assertTrue(approval.get("isError").asBoolean());
        assertTrue(
                approval.get("text")
                        .asString()
                        .contains("productos approvals approve "
                                + approval.get("approvalId").asString()),
                approval.toString());
        return approval;
    }

    /** Checks the last two steps; returns the id of the cancelled run. */
    private static String assertResumedAndCancelled(NodeProcess client) throws Exception {
        JsonNode resumed = Json.parse(client.nextLine());
        assertEquals("succeeded", resumed.get("status").asString(), client.transcript());
        JsonNode cancelled = Json.parse(client.nextLine());
        assertEquals("cancelled", cancelled.get("event").asString(), client.transcript());
        assertFalse(cancelled.get("error").asString().isEmpty());
        assertEquals("cancelled", cancelled.path("status").asString(), cancelled.toString());
        return cancelled.get("runId").asString();
    }

    private static String profileUpdate() throws Exception {
        return Json.MAPPER.writeValueAsString(McpTestSupport.profileUpdate());
    }
}
