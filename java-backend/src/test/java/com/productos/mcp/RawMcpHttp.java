package com.productos.mcp;

import com.productos.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Streamable HTTP from the spec, with java.net.http and no MCP library, so tests see the server's real
 * statuses, headers and bodies (including what a well-behaved client would never send).
 */
final class RawMcpHttp {
    static final String INITIALIZE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String token;
    String sessionId;

    RawMcpHttp(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** initialize and notifications/initialized; keeps the session id the server gave. */
    RawMcpHttp open() throws Exception {
        HttpResponse<String> response = post(INITIALIZE);
        if (response.statusCode() != 200)
            throw new AssertionError("initialize: " + response.statusCode() + " " + response.body());
        sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return this;
    }

    HttpResponse<String> post(String body) throws Exception {
        return send(request(body).build());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(request(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-11-25")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        if (sessionId != null) builder.header("Mcp-Session-Id", sessionId);
        return builder;
    }

    /** The JSON-RPC message of a response, whether sent as JSON or as one server-sent event. */
    static JsonNode message(HttpResponse<String> response) {
        String body = response.body();
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
