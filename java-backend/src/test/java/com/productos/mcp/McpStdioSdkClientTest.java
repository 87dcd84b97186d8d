package com.productos.mcp;

import static com.productos.mcp.McpTestSupport.assertSucceeded;
import static com.productos.mcp.McpTestSupport.call;
import static com.productos.mcp.McpTestSupport.readRun;
import static com.productos.mcp.McpTestSupport.runMeta;
import static com.productos.mcp.McpTestSupport.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorTestSupport;
import com.productos.registry.ToolDefinition;
import com.productos.testing.CliProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code productos mcp --stdio} in its own process, driven by the MCP Java SDK's own client: tools with
 * schemas and hints, calls through the control plane, approvals decided from the CLI, progress, bad
 * calls as tool errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStdioSdkClientTest {
    @TempDir
    static Path workspace;

    private SlowExecutor marketing;
    private McpSyncClient client;
    private final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startServer() throws Exception {
        marketing = new SlowExecutor();
        marketing.release();
        List<String> command = McpTestSupport.serverCommand(workspace, "--stdio");
        ServerParameters parameters = ServerParameters.builder(command.get(0))
                .args(command.subList(1, command.size()))
                .addEnvVar("PRODUCTOS_EXECUTOR_MARKETING_URL", marketing.url())
                .addEnvVar("PRODUCTOS_EXECUTOR_MARKETING_AUTH", "none")
                .build();
        client = McpClient.sync(new StdioClientTransport(parameters, ProductOsMcpServer.jsonMapper()))
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress::add)
                .build();
        client.initialize();
    }

    @AfterAll
    void stopServer() {
        if (client != null) client.closeGracefully();
        if (marketing != null) marketing.close();
    }

    @Test
    void toolsListShouldCarryEveryRegistryToolWithItsSchemasAndHints() {
        List<Tool> tools = client.listTools().tools();
        Set<String> expected = ExecutorTestSupport.REGISTRY.tools().stream()
                .map(ToolDefinition::name)
                .collect(Collectors.toSet());
        assertEquals(expected, tools.stream().map(Tool::name).collect(Collectors.toSet()));
        Map<String, Tool> byName = tools.stream().collect(Collectors.toMap(Tool::name, tool -> tool));
        Tool getProfile = byName.get("brand.get_profile");
        assertEquals(List.of("profile_id"), getProfile.inputSchema().get("required"));
        assertNotNull(getProfile.outputSchema());
        assertEquals(true, getProfile.annotations().readOnlyHint());
        assertEquals("allow", getProfile.meta().get("productos/policy"));
        Tool update = byName.get("brand.update_profile");
        assertEquals(false, update.annotations().readOnlyHint());
        assertEquals(true, update.annotations().destructiveHint());
        assertEquals("require_approval", update.meta().get("productos/policy"));
        assertEquals(
                true, byName.get("marketing.publish_missinglettr").annotations().openWorldHint());
    }

    @Test
    void lowRiskCallShouldReturnStructuredContentValidAgainstItsOutputSchemaWithProgress() throws Exception {
        CallToolRequest request = CallToolRequest.builder("marketing.list_drafts")
                .arguments(Map.of("limit", 5))
                .meta(Map.of("progressToken", "drafts-1"))
                .build();
        CallToolResult result = client.callTool(request);
        JsonNode output = assertSucceeded("marketing.list_drafts", result);
        assertEquals(0, output.get("drafts").size());
        String runId = (String) runMeta(result).get("runId");
        JsonNode run = readRun(client, runId);
        assertEquals("succeeded", run.get("status").asString());
        assertEquals("mcp", run.get("actor").asString());
        assertTrue(progress.stream().anyMatch(note -> "drafts-1".equals(note.progressToken())), progress.toString());
    }

    @Test
    void callNeedingApprovalShouldSayHowToDecideAndResumeWhenAPersonApprovesInTheCli() throws Exception {
        CallToolResult parked = call(client, "brand.update_profile", McpTestSupport.profileUpdate());
        assertEquals(Boolean.TRUE, parked.isError());
        Map<String, Object> meta = runMeta(parked);
        assertEquals("awaiting_approval", meta.get("status"));
        String approvalId = (String) meta.get("approvalId");
        assertTrue(text(parked).contains("productos approvals approve " + approvalId), text(parked));

        CliProcess.Result approved = CliProcess.run(
                workspace.resolve("cli"),
                Map.of(),
                "approvals",
                "approve",
                approvalId,
                "--workspace",
                workspace.toString());
        assertEquals(0, approved.exitCode(), approved.toString());

        JsonNode run = readRun(client, (String) meta.get("runId"));
        assertEquals("succeeded", run.get("status").asString(), run.toString());
        assertEquals(true, run.path("output").path("ok").asBoolean());
    }

    @Test
    void schemaBreakingArgumentsShouldBeAToolErrorNamingTheField() {
        CallToolResult refused = call(client, "brand.get_profile", Map.of("profile_id", 42, "extra", true));
        assertEquals(Boolean.TRUE, refused.isError());
        assertTrue(text(refused).contains("/profile_id"), text(refused));
        assertEquals("InvalidInput", runMeta(refused).get("code"));
        assertFalse(client.listTools().tools().isEmpty(), "the server keeps serving");
    }

    @Test
    void unknownToolShouldBeAnInvalidParamsErrorThatNamesIt() {
        McpError error = assertThrows(McpError.class, () -> call(client, "brand.delete_everything", Map.of()));
        assertEquals(-32602, error.getJsonRpcError().code());
        assertTrue(error.getMessage().contains("brand.delete_everything"), error.getMessage());
        assertFalse(client.listTools().tools().isEmpty(), "the server keeps serving");
    }

    @Test
    void unknownRunResourceShouldBeResourceNotFound() {
        McpError error = assertThrows(McpError.class, () -> readRun(client, "run_nope"));
        assertEquals(-32002, error.getJsonRpcError().code());
    }
}
