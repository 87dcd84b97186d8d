package com.productos.mcp;

import static com.productos.mcp.McpTestSupport.assertSucceeded;
import static com.productos.mcp.McpTestSupport.call;
import static com.productos.mcp.McpTestSupport.readRun;
import static com.productos.mcp.McpTestSupport.runMeta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.productos.json.Json;
import com.productos.runs.Run;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code mcp --http} driven by the MCP Java SDK's streamable HTTP client, with the bearer token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpSdkClientTest {
    @TempDir
    static Path workspace;

    private HttpMcpFixture fixture;
    private McpSyncClient client;

    @BeforeAll
    void start() throws Exception {
        fixture = new HttpMcpFixture(workspace);
        fixture.marketing.release();
        URI url = URI.create(fixture.url());
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        url.getScheme() + "://" + url.getAuthority())
                .endpoint(url.getPath())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + fixture.token))
                .jsonMapper(ProductOsMcpServer.jsonMapper())
                .build();
        client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) client.closeGracefully();
        if (fixture != null) fixture.close();
    }

    @Test
    void protocolVersionShouldBeNegotiatedToTheNewestBothSpeak() {
        assertEquals("2025-11-25", client.getCurrentInitializationResult().protocolVersion());
        assertEquals(ProductOsMcpServer.NAME, client.getServerInfo().name());
    }

    @Test
    void lowRiskCallShouldSucceedAsActorMcp() {
        CallToolResult result = call(
                client,
                "events.ingest",
                Map.of(
                        "events",
                        List.of(Map.of("user_id", "u1", "event_name", "signup", "timestamp", "2026-03-01T10:00:00Z"))));
        JsonNode output = assertSucceeded("events.ingest", result);
        assertEquals(1, output.get("accepted").asInt());
        assertEquals(
                "mcp",
                readRun(client, (String) runMeta(result).get("runId"))
                        .get("actor")
                        .asString());
    }

    @Test
    void approvalDecidedInTheEditorShouldReleaseTheRun() throws Exception {
        CallToolResult parked = call(client, "brand.update_profile", McpTestSupport.profileUpdate());
        Map<String, Object> meta = runMeta(parked);
        assertEquals("awaiting_approval", meta.get("status"));
        // The editor's approvals/decide calls exactly this.
        Run released = fixture.controlPlane().decide((String) meta.get("approvalId"), true, "user:test", null);
        fixture.controlPlane().settle(released.id()).get(60, TimeUnit.SECONDS);
        assertEquals(
                "succeeded",
                readRun(client, (String) meta.get("runId")).get("status").asString());
    }

    @Test
    void runsInsightsAndCampaignsShouldBeResources() {
        Set<String> templates = client.listResourceTemplates().resourceTemplates().stream()
                .map(ResourceTemplate::uriTemplate)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "productos://runs/{id}",
                        "productos://insights/{id}",
                        "productos://campaigns/{id}",
                        "productos://drafts/{id}"),
                templates);
        assertTrue(client.listResources().resources().stream()
                .anyMatch(resource -> resource.uri().equals("productos://campaigns")));
        JsonNode insights =
                Json.parse(((TextResourceContents) client.readResource(new ReadResourceRequest("productos://insights"))
                                .contents()
                                .get(0))
                        .text());
        assertTrue(insights.path("insights").isArray(), insights.toString());
        McpError missing = assertThrows(
                McpError.class, () -> client.readResource(new ReadResourceRequest("productos://insights/ins_nope")));
        assertEquals(-32002, missing.getJsonRpcError().code());
    }
}
