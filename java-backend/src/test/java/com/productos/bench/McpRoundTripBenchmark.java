package com.productos.bench;

import com.productos.app.Backend;
import com.productos.json.Json;
import com.productos.mcp.McpTokenFile;
import com.productos.mcp.ProductOsMcpServer;
import com.productos.mcp.http.HttpMcpHost;
import com.productos.mcp.stdio.StdioMcpHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import tools.jackson.databind.JsonNode;

/**
 * MCP round trips through a real backend (SQLite run store, embedded executors on loopback, the control
 * plane) on a fresh temporary workspace: {@code tools/list} and a low-risk {@code tools/call}
 * ({@code marketing.list_drafts}, a recorded run that calls the marketing executor over HTTP), over stdio
 * (the stdio host on piped streams, newline-delimited JSON) and streamable HTTP (Jetty on 127.0.0.1,
 * java.net.http client with the bearer token). p50 and p99 of sequential calls after a warm-up.
 *
 * <p>Run it from the repository root:
 * <pre>
 * cd java-backend && mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *   && java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" com.productos.bench.McpRoundTripBenchmark
 * </pre>
 */
public final class McpRoundTripBenchmark {
    private static final int WARMUP = 200;
    private static final int LIST_CALLS = 1_000;
    private static final int TOOL_CALLS = 300;
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/list\"}";
    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"marketing.list_drafts\","
                    + "\"arguments\":{\"limit\":1}}}";
    private static final String INITIALIZE =
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private McpRoundTripBenchmark() {}

    /** One request answered, as the JSON-RPC response. */
    private interface Transport {
        JsonNode call(String request) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path workspace = Files.createTempDirectory("productos-mcp-bench");
        try (Backend backend = Backend.open(workspace, System.getenv())) {
            try (ProductOsMcpServer server =
                    new ProductOsMcpServer(backend.controlPlane(), backend.policy(), Duration.ofSeconds(60))) {
                PipedOutputStream clientOut = new PipedOutputStream();
                PipedInputStream serverIn = new PipedInputStream(clientOut, 1 << 20);
                PipedOutputStream serverOut = new PipedOutputStream();
                BufferedReader clientIn = new BufferedReader(
                        new InputStreamReader(new PipedInputStream(serverOut, 1 << 20), StandardCharsets.UTF_8));
                try (StdioMcpHost host = StdioMcpHost.start(server, serverIn, serverOut, 4 << 20)) {
                    Transport stdio = request -> {
                        clientOut.write((request + "\n").getBytes(StandardCharsets.UTF_8));
                        clientOut.flush();
                        return Json.parse(clientIn.readLine());
                    };
                    stdio.call(INITIALIZE);
                    clientOut.write((INITIALIZED + "\n").getBytes(StandardCharsets.UTF_8));
                    measure("stdio", stdio);
                    clientOut.close();
                }
            }
            try (ProductOsMcpServer server =
                    new ProductOsMcpServer(backend.controlPlane(), backend.policy(), Duration.ofSeconds(60))) {
                Path tokenFile = workspace.resolve(".productos/mcp-http-token");
                String token = McpTokenFile.loadOrCreate(tokenFile).value();
                try (HttpMcpHost host = HttpMcpHost.start(
                        server, new HttpMcpHost.Settings("127.0.0.1", 0, token, tokenFile, List.of(), 4 << 20))) {
                    HttpClient http = HttpClient.newHttpClient();
                    String[] session = new String[1];
                    Transport httpTransport = request -> {
                        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(host.url()))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json, text/event-stream")
                                .header("Authorization", "Bearer " + token)
                                .header("MCP-Protocol-Version", "2025-11-25")
                                .POST(HttpRequest.BodyPublishers.ofString(request));
                        if (session[0] != null) builder.header("Mcp-Session-Id", session[0]);
                        HttpResponse<String> response =
                                http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                        if (session[0] == null)
                            session[0] = response.headers()
                                    .firstValue("Mcp-Session-Id")
                                    .orElse(null);
                        return messageOf(response);
                    };
                    httpTransport.call(INITIALIZE);
                    httpTransport.call(INITIALIZED);
                    measure("http", httpTransport);
                }
            }
        }
        // The SDK's schedulers keep non-daemon threads; the figures are printed, so end here.
        System.exit(0);
    }

    private static void measure(String name, Transport transport) throws Exception {
        int[] id = {1};
        Callable<JsonNode> list = () -> transport.call(String.format(LIST, id[0]++));
        Callable<JsonNode> call = () -> {
            JsonNode response = transport.call(String.format(CALL, id[0]++));
            if (response.path("result").path("isError").asBoolean(true))
                throw new IllegalStateException("the call failed: " + response);
            return response;
        };
        report(name + " tools/list", list, LIST_CALLS);
        report(name + " tools/call marketing.list_drafts", call, TOOL_CALLS);
    }

    private static void report(String label, Callable<JsonNode> work, int measured) throws Exception {
        for (int i = 0; i < WARMUP; i++) work.call();
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            work.call();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "%-45s n=%d  p50 %.3f ms  p99 %.3f ms%n",
                label,
                measured,
                nanos[measured / 2] / 1e6,
                nanos[(int) Math.ceil(measured * 0.99) - 1] / 1e6);
    }

    private static JsonNode messageOf(HttpResponse<String> response) {
        String body = response.body();
        if (response.statusCode() == 202 && body.isEmpty()) return Json.object();
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            StringBuilder data = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) data.append(line.substring(5).trim());
            }
            body = data.toString();
        }
        return Json.parse(body);
    }
}
