package com.productos.executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that plays an executor by script: each request gets the next scripted
 * answer (the last one repeats) and is recorded, so tests can count what really arrived.
 */
public final class ScriptedExecutor implements AutoCloseable {
    public record Answer(int status, String contentType, String body, boolean hang) {
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, false);
        }

        public static Answer text(int status, String body) {
            return new Answer(status, "text/html", body, false);
        }

        public static Answer hanging() {
            return new Answer(0, null, null, true);
        }
    }

    public record Received(
            String path, String authorization, String runId, String actor, String idempotencyKey, String body) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Answer last;

    public ScriptedExecutor(Answer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        received.add(new Received(
                exchange.getRequestURI().getPath(),
                headers.getFirst("Authorization"),
                headers.getFirst(ExecutorProtocol.RUN_ID_HEADER),
                headers.getFirst(ExecutorProtocol.ACTOR_HEADER),
                headers.getFirst(ExecutorProtocol.IDEMPOTENCY_KEY_HEADER),
                body));
        Answer answer = script.poll();
        if (answer == null) answer = last;
        last = answer;
        if (answer.hang()) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
