package com.productos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official conformance suite (@modelcontextprotocol/conformance, from the lock file in
 * test-fixtures/mcp-clients) against {@code mcp --http} on 127.0.0.1. Every active server scenario must
 * pass except those named with their reason in conformance-baseline.yml; the suite itself fails the run
 * when a listed scenario starts passing. It speaks only streamable HTTP, so stdio is covered by the SDK
 * clients (McpStdioSdkClientTest, McpTypeScriptClientTest).
 */
class McpConformanceTest {
    /** Scenarios this server must pass (the baseline names the rest); a check that the run was not empty. */
    private static final List<String> MUST_PASS = List.of(
            "server-initialize",
            "ping",
            "tools-list",
            "logging-set-level",
            "resources-list",
            "server-sse-multiple-streams",
            "dns-rebinding-protection");

    @TempDir
    Path workspace;

    @Test
    void everyActiveServerScenarioShouldPassOrBeNamedInTheBaseline() throws Exception {
        try (HttpMcpFixture fixture = new HttpMcpFixture(workspace);
                NodeProcess suite = NodeProcess.start(
                        workspace.resolve("node"),
                        Map.of("MCP_SERVER_URL", fixture.url(), "MCP_BEARER_TOKEN", fixture.token),
                        "--import",
                        "./node20-compat.mjs",
                        "--import",
                        "./bearer-token.mjs",
                        "node_modules/@modelcontextprotocol/conformance/dist/index.js",
                        "server",
                        "--url",
                        fixture.url(),
                        "--expected-failures",
                        "conformance-baseline.yml")) {
            int exit = suite.await(600);
            String transcript = suite.transcript();
            assertEquals(0, exit, transcript);
            for (String scenario : MUST_PASS) {
                Matcher line = Pattern.compile("✓ " + Pattern.quote(scenario) + ": (\\d+) passed, 0 failed")
                        .matcher(transcript);
                assertTrue(
                        line.find() && Integer.parseInt(line.group(1)) > 0, scenario + " should pass:\n" + transcript);
            }
        }
    }
}
