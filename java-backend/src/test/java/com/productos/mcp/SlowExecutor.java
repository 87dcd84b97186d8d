package com.productos.mcp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A marketing executor on 127.0.0.1 that holds every request until the test releases it, then answers
 * with an empty draft list: a long run the test controls, through the real executor HTTP client.
 */
final class SlowExecutor implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    SlowExecutor() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                reached.countDown();
                if (!release.await(120, TimeUnit.SECONDS)) return;
                byte[] body =
                        "{\"output\":{\"drafts\":[]},\"logs\":[{\"severity\":\"INFO\",\"text\":\"listed 0 drafts\"}]}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (Exception clientWentAway) {
                // The run was cancelled and its HTTP call dropped: nothing to answer.
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until a request has reached the executor (the run is really running). */
    void awaitRequest() throws InterruptedException {
        if (!reached.await(60, TimeUnit.SECONDS)) throw new AssertionError("no request reached the slow executor");
    }

    void release() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
