package com.productos.marketing.gemini;

import com.productos.json.Json;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback Vertex AI generateContent endpoint
 * ({@code POST /v1/projects/P/locations/L/publishers/google/models/M:generateContent}) that answers
 * scripted model texts in the real GenerateContentResponse shape and keeps every request body.
 */
final class FakeVertexGenerateContent implements AutoCloseable {
    final HttpServer server;
    final Deque<String> replies = new ArrayDeque<>();
    final List<JsonNode> requests = new ArrayList<>();
    final List<String> paths = new ArrayList<>();
    volatile int failStatus;

    FakeVertexGenerateContent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String reply;
                synchronized (this) {
                    paths.add(exchange.getRequestURI().getPath());
                    requests.add(Json.parse(body));
                    reply = replies.poll();
                }
                String answer;
                int status = 200;
                if (failStatus != 0) {
                    status = failStatus;
                    answer = "{\"error\": {\"code\": " + failStatus
                            + ", \"message\": \"Permission denied on resource project p.\","
                            + " \"status\": \"PERMISSION_DENIED\"}}";
                } else {
                    ObjectNode response = Json.object();
                    ObjectNode candidate = response.putArray("candidates").addObject();
                    ObjectNode content = candidate.putObject("content");
                    content.put("role", "model");
                    content.putArray("parts").addObject().put("text", reply == null ? "" : reply);
                    candidate.put("finishReason", "STOP");
                    ObjectNode usage = response.putObject("usageMetadata");
                    usage.put("promptTokenCount", 120);
                    usage.put("candidatesTokenCount", 80);
                    usage.put("totalTokenCount", 200);
                    response.put("modelVersion", "gemini-2.5-flash");
                    response.put("responseId", "resp-" + requests.size());
                    answer = Json.write(response);
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void reply(String modelText) {
        replies.add(modelText);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
