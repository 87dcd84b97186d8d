package com.productos.executorserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty produces itself (a malformed request line, a handler that threw) are written in the
 * executor error envelope too, never as an HTML page and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback)
            throws IOException {
        JsonResponses.send(
                response, callback, status, ExecutorEnvelopes.error(codeFor(status), describe(status), null));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        String body = com.productos.json.Json.write(ExecutorEnvelopes.error(codeFor(status), describe(status), null));
        return ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8));
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            case 504 -> "timeout";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    private static String describe(int status) {
        if (status == 413) return "the request is larger than this executor accepts";
        if (status >= 500) return "the executor failed unexpectedly (" + status + "); its log has the details";
        String reason = HttpStatus.getMessage(status);
        return "the executor could not read the request: " + reason;
    }
}
