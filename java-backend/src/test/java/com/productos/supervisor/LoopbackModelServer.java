package com.productos.supervisor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model API on 127.0.0.1 (ephemeral port) answering each POST with the next scripted HTTP answer, in
 * the provider's real wire format, and keeping every request it got (path, headers, body).
 */
public final class LoopbackModelServer implements AutoCloseable {
    public record Answer(int status, Map<String, String> headers, String body, boolean holds) {
        public static Answer json(String body) {
            return new Answer(200, Map.of(), body, false);
        }

        public static Answer status(int status, String body, Map<String, String> headers) {
            return new Answer(status, headers, body, false);
        }

        /** Never answers (until the server closes): a model call that times out. */
        public static Answer hold() {
            return new Answer(0, Map.of(), "", true);
        }
    }

    public record Received(String path, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Answer whenEmpty = Answer.status(
            500, "{\"error\":{\"code\":500,\"message\":\"script ended\",\"status\":\"INTERNAL\"}}", Map.of());

    public LoopbackModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "loopback-model");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public LoopbackModelServer then(Answer answer) {
        answers.add(answer);
        return this;
    }

    LoopbackModelServer always(Answer answer) {
        whenEmpty = answer;
        return this;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            received.add(
                    new Received(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), body));
        }
        Answer answer = answers.poll();
        if (answer == null) answer = whenEmpty;
        if (answer.holds()) {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
