package com.productos.rpc;

import java.time.Duration;

/**
 * Settings of one RPC connection. {@code maxMessageBytes}: frames above it are refused (default 8 MiB).
 * {@code watchParentProcess}: exit when the process that started this one dies (on for stdio).
 * {@code parentPollInterval}: how often that is checked. {@code serverVersion}: reported by initialize.
 */
public record RpcServerOptions(
        long maxMessageBytes, boolean watchParentProcess, Duration parentPollInterval, String serverVersion) {
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 8L * 1024 * 1024;

    public RpcServerOptions {
        if (maxMessageBytes < 1024)
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
        if (parentPollInterval == null || parentPollInterval.isNegative() || parentPollInterval.isZero()) {
            throw new IllegalArgumentException("parentPollInterval must be positive");
        }
        if (serverVersion == null || serverVersion.isBlank())
            throw new IllegalArgumentException("serverVersion is required");
    }

    public static RpcServerOptions defaults() {
        String version = RpcServerOptions.class.getPackage().getImplementationVersion();
        return new RpcServerOptions(
                DEFAULT_MAX_MESSAGE_BYTES, true, Duration.ofSeconds(3), version == null ? "development" : version);
    }

    public RpcServerOptions withMaxMessageBytes(long bytes) {
        return new RpcServerOptions(bytes, watchParentProcess, parentPollInterval, serverVersion);
    }

    public RpcServerOptions withParentWatch(boolean watch, Duration interval) {
        return new RpcServerOptions(maxMessageBytes, watch, interval, serverVersion);
    }
}
