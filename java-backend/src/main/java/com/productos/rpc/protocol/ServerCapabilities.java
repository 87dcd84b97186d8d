package com.productos.rpc.protocol;

import java.util.List;

/**
 * What a client may rely on: the largest message the server reads, the actors a client may call as,
 * and whether runs can be cancelled and approvals decided over this connection.
 */
public record ServerCapabilities(
        long maxMessageBytes,
        List<String> clientActors,
        boolean runCancellation,
        boolean approvals,
        boolean requestCancellation) {}
