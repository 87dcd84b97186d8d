package com.productos.executorserver;

import com.productos.common.KnownSecrets;
import com.productos.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;

/** Writes one JSON answer and completes the request's callback. */
final class JsonResponses {
    private JsonResponses() {}

    /** Every answer of the executor server passes here: known secret values never leave in one. */
    static void send(Response response, Callback callback, int status, JsonNode body) {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(KnownSecrets.redact(body));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static void sendError(Response response, Callback callback, int status, String code, String message) {
        send(response, callback, status, ExecutorEnvelopes.error(code, message, null));
    }
}
