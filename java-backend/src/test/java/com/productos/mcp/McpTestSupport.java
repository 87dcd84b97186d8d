package com.productos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.executors.ExecutorTestSupport;
import com.productos.json.Json;
import com.productos.registry.FieldError;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** What the MCP tests share: the server's command line, fixtures, and checks on results. */
final class McpTestSupport {
    private McpTestSupport() {}

    static List<String> serverCommand(Path workspace, String... transport) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "com.productos.cli.Main",
                "mcp"));
        command.addAll(List.of(transport));
        command.addAll(List.of("--workspace", workspace.toString()));
        return command;
    }

    static Path fixture(String name) {
        return Path.of("..", "test-fixtures", name).toAbsolutePath().normalize();
    }

    static Map<String, Object> profileUpdate() throws Exception {
        JsonNode patch = Json.parse(Files.readString(fixture("brand/complete-profile.json")));
        return Map.of(
                "profile_id",
                "default",
                "patch",
                Json.MAPPER.convertValue(patch, new TypeReference<Map<String, Object>>() {}));
    }

    static String text(CallToolResult result) {
        StringBuilder text = new StringBuilder();
        result.content().forEach(content -> text.append(((TextContent) content).text()));
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> runMeta(CallToolResult result) {
        return (Map<String, Object>) result.meta().get("productos/run");
    }

    /** A succeeded result: structuredContent valid against the tool's output schema, and the same JSON as text. */
    static JsonNode assertSucceeded(String tool, CallToolResult result) {
        assertEquals(Boolean.FALSE, result.isError(), text(result));
        JsonNode structured = Json.MAPPER.valueToTree(result.structuredContent());
        List<FieldError> broken = ExecutorTestSupport.tool(tool).outputSchema().validate(structured);
        assertTrue(broken.isEmpty(), broken.toString());
        assertEquals(structured, Json.parse(text(result)));
        return structured;
    }

    static JsonNode readRun(McpSyncClient client, String runId) {
        var contents = client.readResource(new ReadResourceRequest("productos://runs/" + runId))
                .contents();
        return Json.parse(((TextResourceContents) contents.get(0)).text());
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }
}
