package com.productos.executorserver;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads and discards what is left of a request body, up to a bound, before an early answer (413).
 * Closing a connection with unread bytes makes TCP reset it, and the client would lose the answer;
 * a client that sends the body anyway gets to read why it was refused.
 */
final class BodyDrainer {
    private final Request request;
    private final Runnable then;
    private long remainingBytes;

    private BodyDrainer(Request request, long maxBytes, Runnable then) {
        this.request = request;
        this.remainingBytes = maxBytes;
        this.then = then;
    }

    static void drainThen(Request request, long maxBytes, Runnable then) {
        new BodyDrainer(request, maxBytes, then).drain();
    }

    private void drain() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::drain);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                then.run();
                return;
            }
            remainingBytes -= chunk.remaining();
            boolean last = chunk.isLast();
            chunk.release();
            if (last || remainingBytes < 0) {
                then.run();
                return;
            }
        }
    }
}
