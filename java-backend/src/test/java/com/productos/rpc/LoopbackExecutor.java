package com.productos.rpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP executor on 127.0.0.1 and an ephemeral port that answers each path as a test scripts it:
 * a JSON body, an HTTP error, garbage, or nothing until the test ends (a slow executor).
 */
final class LoopbackExecutor implements AutoCloseable {
    /** How one path answers. */
    interface Answer {
        void respond(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    LoopbackExecutor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Answer answer = answers.get(exchange.getRequestURI().getPath());
                if (answer == null) {
                    send(exchange, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such path\"}}");
                } else {
                    answer.respond(exchange);
                }
            } catch (Exception e) {
                // The client gave up (a timeout test) or the test ended; nothing to answer.
            }
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    LoopbackExecutor on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    static Answer json(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    /** Never answers until {@link #close()}: the caller's timeout has to end the call. */
    Answer silent() {
        return exchange -> release.await(30, TimeUnit.SECONDS);
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
