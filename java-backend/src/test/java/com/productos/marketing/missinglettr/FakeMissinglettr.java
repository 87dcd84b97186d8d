package com.productos.marketing.missinglettr;

import com.productos.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback Missinglettr: workspaces/{id}/campaigns/ create, list (with external_id filter) and get,
 * checking the Authorization header, answering in the documented campaign shape, and able to fail on
 * cue (429/5xx, a refusal, or a create that is stored but answered with 500).
 */
final class FakeMissinglettr implements AutoCloseable {
    final HttpServer server;
    final String expectedAuthorization;
    final Map<String, ObjectNode> campaigns = new LinkedHashMap<>();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    /** Campaign creations asked for, answered or not (a background reconciliation only reads). */
    final AtomicInteger createAttempts = new AtomicInteger();

    final Deque<Integer> failures = new ArrayDeque<>();
    final List<String> idempotencyKeys = new ArrayList<>();
    volatile boolean storeThenFailNextCreate;
    /** Errors repeat the Authorization header they got, as a careless provider or gateway does. */
    volatile boolean echoCredentials;

    FakeMissinglettr(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized void failNext(int count, int status) {
        for (int i = 0; i < count; i++) failures.add(status);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if ("POST".equals(exchange.getRequestMethod())
                && exchange.getRequestURI().getPath().endsWith("/campaigns/")) {
            createAttempts.incrementAndGet();
        }
        try (exchange) {
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
            }
            if (failure != null) {
                if (failure == 429) exchange.getResponseHeaders().add("Retry-After", "0");
                answer(
                        exchange,
                        failure,
                        echoCredentials
                                ? Json.write(Json.object()
                                        .put(
                                                "detail",
                                                "temporarily unavailable for "
                                                        + exchange.getRequestHeaders()
                                                                .getFirst("Authorization")))
                                : "{\"detail\": \"temporarily unavailable\"}");
                return;
            }
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"detail\": \"Invalid API key.\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            String[] parts = path.split("/");
            // /v1/workspaces/{ws}/campaigns/[id/]
            if (parts.length < 5 || !"workspaces".equals(parts[2]) || !"campaigns".equals(parts[4])) {
                answer(exchange, 404, "{\"detail\": \"Not found.\"}");
                return;
            }
            if ("POST".equals(exchange.getRequestMethod()) && parts.length == 5) {
                create(exchange);
            } else if ("GET".equals(exchange.getRequestMethod()) && parts.length == 5) {
                list(exchange, query);
            } else if ("GET".equals(exchange.getRequestMethod()) && parts.length == 6) {
                ObjectNode campaign;
                synchronized (this) {
                    campaign = campaigns.get(parts[5]);
                }
                if (campaign == null) answer(exchange, 404, "{\"detail\": \"Not found.\"}");
                else answer(exchange, 200, Json.write(campaign));
            } else {
                answer(exchange, 405, "{\"detail\": \"Method not allowed.\"}");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        synchronized (this) {
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        }
        if (body.path("name").asString("").contains("REFUSE")) {
            answer(
                    exchange,
                    400,
                    echoCredentials
                            ? Json.write(Json.object()
                                    .put(
                                            "detail",
                                            "Platform 'tiktok' is not connected for "
                                                    + exchange.getRequestHeaders()
                                                            .getFirst("Authorization"))
                                    .set(
                                            "echo",
                                            Json.object()
                                                    .put(
                                                            "header",
                                                            exchange.getRequestHeaders()
                                                                    .getFirst("Authorization"))))
                            : "{\"detail\": \"Platform 'tiktok' is not connected to this workspace.\"}");
            return;
        }
        boolean now = body.path("publish_now").asBoolean(false);
        ObjectNode campaign = Json.object();
        String id = "mlc_" + (campaigns.size() + 1);
        campaign.put("id", id);
        campaign.put("name", body.path("name").asString());
        campaign.put("external_id", body.path("external_id").asString());
        campaign.put("status", "active");
        campaign.put("start_date", body.path("start_date").asString());
        ArrayNode posts = campaign.putArray("posts");
        int index = 0;
        for (JsonNode post : body.path("posts")) {
            ObjectNode created = posts.addObject();
            created.put("id", id + "_p" + (++index));
            created.put("platform", post.path("platform").asString());
            created.put("status", now ? "published" : "scheduled");
            if (now)
                created.put(
                        "published_at",
                        Instant.parse(body.path("start_date").asString()).toString());
        }
        campaign.put("total_posts", posts.size());
        campaign.put("scheduled_posts", now ? 0 : posts.size());
        campaign.put("published_posts", now ? posts.size() : 0);
        boolean failAfterStoring;
        synchronized (this) {
            campaigns.put(id, campaign);
            creates.incrementAndGet();
            failAfterStoring = storeThenFailNextCreate;
            storeThenFailNextCreate = false;
        }
        if (failAfterStoring) answer(exchange, 500, "{\"detail\": \"Internal error.\"}");
        else answer(exchange, 201, Json.write(campaign));
    }

    private void list(HttpExchange exchange, String query) throws IOException {
        String externalId = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("external_id=")) externalId = pair.substring("external_id=".length());
            }
        }
        ObjectNode page = Json.object();
        ArrayNode results = page.putArray("results");
        synchronized (this) {
            for (ObjectNode campaign : campaigns.values()) {
                if (externalId == null
                        || externalId.equals(campaign.path("external_id").asString())) results.add(campaign);
            }
        }
        page.putNull("next");
        answer(exchange, 200, Json.write(page));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
