package com.productos.executorserver;

import java.time.Duration;

/**
 * How an {@link ExecutorServer} listens and what it allows. {@code port} 0 picks a free port.
 * {@code requestTimeout} bounds a handler's run, queueing included; {@code workerThreads} and
 * {@code queueCapacity} bound the handler pool (a full queue answers 503). {@code readIdleTimeout}
 * bounds how long a connection may send nothing while the server waits for its request line, headers
 * or body (or sits idle between requests): a client that declares a body and never sends it is
 * answered 408 and closed then, instead of holding a connection for the whole request timeout.
 */
public record ExecutorServerSettings(
        String host,
        int port,
        InboundAuth auth,
        long maxRequestBytes,
        Duration requestTimeout,
        int workerThreads,
        int queueCapacity,
        Duration stopTimeout,
        Duration readIdleTimeout) {

    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    /** Request line plus headers; the control plane sends a handful of short ones. */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

    public static final Duration DEFAULT_READ_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public ExecutorServerSettings {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must be set");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (auth == null)
            throw new IllegalArgumentException("auth must be set: InboundAuth.bearer(token) or InboundAuth.none()");
        if (maxRequestBytes < 1 || maxRequestBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxRequestBytes must be between 1 and 2 GiB, was " + maxRequestBytes);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (workerThreads < 1) throw new IllegalArgumentException("workerThreads must be at least 1");
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be at least 1");
        if (stopTimeout == null || stopTimeout.isNegative())
            throw new IllegalArgumentException("stopTimeout must not be negative");
        if (readIdleTimeout == null || readIdleTimeout.isNegative() || readIdleTimeout.isZero()) {
            throw new IllegalArgumentException("readIdleTimeout must be positive");
        }
    }

    /** Loopback, ephemeral port, 10 MiB bodies, 300 s per request, 16 workers with 256 waiting, 30 s read idle. */
    public static ExecutorServerSettings loopback(InboundAuth auth) {
        return new ExecutorServerSettings(
                "127.0.0.1",
                0,
                auth,
                DEFAULT_MAX_REQUEST_BYTES,
                Duration.ofSeconds(300),
                16,
                256,
                Duration.ofSeconds(5),
                DEFAULT_READ_IDLE_TIMEOUT);
    }

    public ExecutorServerSettings withHost(String newHost) {
        return new ExecutorServerSettings(
                newHost,
                port,
                auth,
                maxRequestBytes,
                requestTimeout,
                workerThreads,
                queueCapacity,
                stopTimeout,
                readIdleTimeout);
    }

    public ExecutorServerSettings withPort(int newPort) {
        return new ExecutorServerSettings(
                host,
                newPort,
                auth,
                maxRequestBytes,
                requestTimeout,
                workerThreads,
                queueCapacity,
                stopTimeout,
                readIdleTimeout);
    }

    public ExecutorServerSettings withAuth(InboundAuth newAuth) {
        return new ExecutorServerSettings(
                host,
                port,
                newAuth,
                maxRequestBytes,
                requestTimeout,
                workerThreads,
                queueCapacity,
                stopTimeout,
                readIdleTimeout);
    }

    public ExecutorServerSettings withMaxRequestBytes(long newMaxRequestBytes) {
        return new ExecutorServerSettings(
                host,
                port,
                auth,
                newMaxRequestBytes,
                requestTimeout,
                workerThreads,
                queueCapacity,
                stopTimeout,
                readIdleTimeout);
    }

    public ExecutorServerSettings withRequestTimeout(Duration newRequestTimeout) {
        return new ExecutorServerSettings(
                host,
                port,
                auth,
                maxRequestBytes,
                newRequestTimeout,
                workerThreads,
                queueCapacity,
                stopTimeout,
                readIdleTimeout);
    }

    public ExecutorServerSettings withWorkers(int newWorkerThreads, int newQueueCapacity) {
        return new ExecutorServerSettings(
                host,
                port,
                auth,
                maxRequestBytes,
                requestTimeout,
                newWorkerThreads,
                newQueueCapacity,
                stopTimeout,
                readIdleTimeout);
    }

    public ExecutorServerSettings withReadIdleTimeout(Duration newReadIdleTimeout) {
        return new ExecutorServerSettings(
                host,
                port,
                auth,
                maxRequestBytes,
                requestTimeout,
                workerThreads,
                queueCapacity,
                stopTimeout,
                newReadIdleTimeout);
    }
}
