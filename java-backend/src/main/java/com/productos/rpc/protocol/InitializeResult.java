package com.productos.rpc.protocol;

import java.util.List;

/**
 * The answer to {@code initialize}: who the server is, the protocol version, the requests it answers,
 * the notifications it accepts and sends, and its capabilities.
 */
public record InitializeResult(
        ServerInfo serverInfo,
        String protocolVersion,
        List<String> requests,
        List<String> clientNotifications,
        List<String> notifications,
        ServerCapabilities capabilities) {}
