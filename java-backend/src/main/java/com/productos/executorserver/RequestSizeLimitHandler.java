package com.productos.executorserver;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a body whose declared Content-Length is over the limit before reading a byte of it. A body
 * without a length (chunked) is bounded while it is read, by {@link ExecutorDispatchHandler}.
 */
final class RequestSizeLimitHandler extends Handler.Wrapper {
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;
    private final long maxRequestBytes;

    RequestSizeLimitHandler(long maxRequestBytes, Handler next) {
        super(next);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared > maxRequestBytes) {
            refuse(request, response, callback, maxRequestBytes);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** Answers 413 after discarding the body (up to a bound, past which the connection is closed). */
    static void refuse(Request request, Response response, Callback callback, long maxRequestBytes) {
        long drainBytes = Math.min(4 * maxRequestBytes, MAX_DRAIN_BYTES);
        BodyDrainer.drainThen(request, drainBytes, () -> {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            JsonResponses.sendError(response, callback, 413, "payload_too_large", tooLarge(maxRequestBytes));
        });
    }

    static String tooLarge(long maxRequestBytes) {
        return "the request body is larger than this executor accepts (" + maxRequestBytes
                + " bytes); send a smaller input, or store large data elsewhere and pass a reference";
    }
}
