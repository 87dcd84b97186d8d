package com.productos.marketing.missinglettr;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback Secret Manager v1 REST endpoint: GET /v1/{name}:access answers one secret's payload. */
final class FakeSecretManager implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger accesses = new AtomicInteger();

    FakeSecretManager(String secretVersionName, String value) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                boolean known = "GET".equals(exchange.getRequestMethod())
                        && path.equals("/v1/" + secretVersionName + ":access");
                String body = known
                        ? "{\"name\": \"" + secretVersionName.replace("latest", "1") + "\", \"payload\": {\"data\": \""
                                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\"}}"
                        : "{\"error\": {\"code\": 404, \"message\": \"Secret not found\", \"status\": \"NOT_FOUND\"}}";
                if (known) accesses.incrementAndGet();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(known ? 200 : 404, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
