package com.productos.mcp;

/** What a transport does with one message from a client, as {@link InboundFilter} decided. */
public sealed interface InboundMessage {
    /** Pass these bytes on to the SDK's server. */
    record Forward(byte[] json) implements InboundMessage {}

    /** Do not pass the message on; answer with this JSON-RPC error (HTTP status for the HTTP transport). */
    record Refuse(byte[] json, int httpStatus) implements InboundMessage {}

    /** A notification handled here (a cancellation); nothing to answer. */
    record Consumed() implements InboundMessage {}
}
