package com.productos.deploy.local;

import com.productos.common.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stable front of one service: an HTTP reverse proxy on a fixed loopback port that forwards each
 * request to the revision currently receiving traffic. Switching is atomic per request, and the
 * revision that lost traffic can be drained (its in-flight requests finish) before it is stopped, so
 * a deploy or rollback drops no request.
 */
final class TrafficProxy implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /** Headers the JDK client sets itself or that only concern one hop. */
    private static final Set<String> SKIPPED_HEADERS = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "http2-settings");

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    /** The revision receiving traffic and how many requests it is still serving. */
    static final class Target {
        final String revision;
        final int port;
        final AtomicInteger inFlight = new AtomicInteger();

        Target(String revision, int port) {
            this.revision = revision;
            this.port = port;
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient client;
    private final AtomicReference<Target> target = new AtomicReference<>();

    private TrafficProxy(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(workers)
                .build();
    }

    /** Binds 127.0.0.1:{@code port} (0 picks a free one); a port in use throws {@link java.net.BindException}. */
    static TrafficProxy open(int port, String serviceName) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        ExecutorService workers = Executors.newCachedThreadPool(DaemonThreads.named("proxy-" + serviceName));
        TrafficProxy proxy = new TrafficProxy(server, workers);
        server.setExecutor(workers);
        server.createContext("/", proxy::forward);
        server.start();
        return proxy;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Sends all new requests to {@code revision} on {@code port}; returns the target that lost traffic, or null. */
    Target switchTo(String revision, int port) {
        return target.getAndSet(new Target(revision, port));
    }

    String currentRevision() {
        Target current = target.get();
        return current == null ? null : current.revision;
    }

    /** Waits until {@code old} serves no request, at most {@code timeout}; true when it drained. */
    static boolean awaitDrained(Target old, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (old.inFlight.get() > 0) {
            if (Instant.now().isAfter(deadline)) return false;
            Thread.sleep(5);
        }
        return true;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            Target current = target.get();
            if (current == null) {
                reply(exchange, 503, "no revision is serving this service yet\n");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                reply(exchange, 413, "request body larger than " + MAX_BODY_BYTES + " bytes\n");
                return;
            }
            Target used = current;
            used.inFlight.incrementAndGet();
            try {
                HttpResponse<InputStream> response;
                try {
                    response = send(exchange, used, body);
                } catch (IOException e) {
                    // Traffic may have moved between reading the target and connecting, or a kept-alive
                    // connection was closed by the revision: retry once where safe.
                    Target now = target.get();
                    boolean moved = now != used && e instanceof ConnectException;
                    if (!moved && !IDEMPOTENT_METHODS.contains(exchange.getRequestMethod())) throw e;
                    used.inFlight.decrementAndGet();
                    used = now;
                    used.inFlight.incrementAndGet();
                    response = send(exchange, used, body);
                }
                copyResponse(exchange, response);
            } finally {
                used.inFlight.decrementAndGet();
            }
        } catch (IOException e) {
            replyQuietly(
                    exchange,
                    502,
                    "the serving revision did not answer: " + e.getClass().getSimpleName() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replyQuietly(exchange, 503, "proxy shutting down\n");
        }
    }

    private HttpResponse<InputStream> send(HttpExchange exchange, Target to, byte[] body)
            throws IOException, InterruptedException {
        URI uri = URI.create(
                "http://127.0.0.1:" + to.port + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            if (SKIPPED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) continue;
            for (String value : header.getValue()) request.header(header.getKey(), value);
        }
        request.header(
                "X-Forwarded-Host",
                exchange.getRequestHeaders().getFirst("Host") == null
                        ? "127.0.0.1:" + port()
                        : exchange.getRequestHeaders().getFirst("Host"));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void copyResponse(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(-2);
        int status = response.statusCode();
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        // HttpServer: -1 means no body, 0 means chunked, n means exactly n bytes.
        exchange.sendResponseHeaders(status, noBody || length == 0 ? -1 : Math.max(length, 0));
        try (InputStream in = response.body();
                OutputStream out = exchange.getResponseBody()) {
            if (!noBody) in.transferTo(out);
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void replyQuietly(HttpExchange exchange, int status, String text) {
        try {
            reply(exchange, status, text);
        } catch (IOException | RuntimeException e) {
            // Headers were already sent or the client went away: nothing more to tell it.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
