package com.productos.executorserver;

import com.productos.common.Futures;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorHandler;
import com.productos.executors.ExecutorLog;
import com.productos.executors.ExecutorProtocol;
import com.productos.executors.ExecutorRequest;
import com.productos.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Routes {@code POST <path>} to the module handler registered for it: checks method and media type,
 * reads the body (bounded), parses it as a JSON object, runs the handler on the worker pool under the
 * request timeout and writes the success or error envelope.
 */
final class ExecutorDispatchHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorDispatchHandler.class);
    private final Map<String, ExecutorHandler> routes;
    private final TimedWorkerPool pool;
    private final long maxRequestBytes;
    private final long readIdleTimeoutMillis;
    private final long handlingIdleTimeoutMillis;

    ExecutorDispatchHandler(
            Map<String, ExecutorHandler> routes,
            TimedWorkerPool pool,
            long maxRequestBytes,
            long readIdleTimeoutMillis,
            long handlingIdleTimeoutMillis) {
        this.routes = Map.copyOf(routes);
        this.pool = pool;
        this.maxRequestBytes = maxRequestBytes;
        this.readIdleTimeoutMillis = readIdleTimeoutMillis;
        this.handlingIdleTimeoutMillis = handlingIdleTimeoutMillis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        ExecutorHandler handler = routes.get(path);
        if (handler == null) {
            JsonResponses.sendError(
                    response,
                    callback,
                    404,
                    "not_found",
                    "no executor path " + path + " on this server; it serves "
                            + routes.keySet().stream().sorted().toList());
            return true;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            JsonResponses.sendError(
                    response,
                    callback,
                    405,
                    "method_not_allowed",
                    path + " accepts POST with a JSON body, not " + request.getMethod());
            return true;
        }
        if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            JsonResponses.sendError(
                    response,
                    callback,
                    415,
                    "unsupported_media_type",
                    "send the tool input with Content-Type: application/json");
            return true;
        }
        // Bounded read: a chunked body with no declared length is cut off at the limit too.
        // The connector's short idle timeout applies while the body arrives: a client that declares a
        // body and sends nothing gets 408 and a closed connection within it.
        Content.Source.asByteArrayAsync(request, (int) maxRequestBytes + 1).whenComplete((bytes, failure) -> {
            if (failure != null && Futures.unwrap(failure) instanceof TimeoutException) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                JsonResponses.sendError(
                        response,
                        callback,
                        408,
                        "request_timeout",
                        "the request body did not arrive" + " within " + readIdleTimeoutMillis
                                + " ms of silence; send the whole body at once");
            } else if (failure != null && !isTooLarge(failure)) {
                JsonResponses.sendError(
                        response, callback, 400, "bad_request", "the request body could not be read; send it again");
            } else if (failure != null || bytes.length > maxRequestBytes) {
                RequestSizeLimitHandler.refuse(request, response, callback, maxRequestBytes);
            } else {
                dispatch(path, handler, bytes, request, response, callback);
            }
        });
        return true;
    }

    private void dispatch(
            String path, ExecutorHandler handler, byte[] body, Request request, Response response, Callback callback) {
        JsonNode input;
        try {
            input = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            JsonResponses.sendError(
                    response,
                    callback,
                    400,
                    "invalid_json",
                    "the request body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (input == null || !input.isObject()) {
            JsonResponses.sendError(
                    response,
                    callback,
                    400,
                    "invalid_json",
                    "the request body must be a JSON object (the tool input), was "
                            + (input == null
                                    ? "empty"
                                    : input.getNodeType().name().toLowerCase(Locale.ROOT)));
            return;
        }
        ExecutorLog log = new ExecutorLog();
        ExecutorRequest call = new ExecutorRequest(
                path,
                input,
                request.getHeaders().get(ExecutorProtocol.RUN_ID_HEADER),
                request.getHeaders().get(ExecutorProtocol.IDEMPOTENCY_KEY_HEADER),
                request.getHeaders().get(ExecutorProtocol.ACTOR_HEADER),
                log);
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.setIdleTimeout(handlingIdleTimeoutMillis); // the handler may run up to the request timeout
        pool.run(() -> handler.handle(call)).whenComplete((output, failure) -> {
            endPoint.setIdleTimeout(readIdleTimeoutMillis);
            if (failure == null) {
                answer(path, output, log, response, callback);
            } else {
                fail(path, call, Futures.unwrap(failure), response, callback);
            }
        });
    }

    private static void answer(String path, JsonNode output, ExecutorLog log, Response response, Callback callback) {
        if (output == null || !output.isObject()) {
            LOG.error(
                    "handler for {} returned {} instead of an output object",
                    path,
                    output == null ? "nothing" : output.getNodeType());
            JsonResponses.sendError(
                    response,
                    callback,
                    500,
                    "internal",
                    "the executor produced no output object for " + path + "; its log has the details");
            return;
        }
        JsonResponses.send(response, callback, 200, ExecutorEnvelopes.success(output, log));
    }

    private void fail(String path, ExecutorRequest call, Throwable failure, Response response, Callback callback) {
        if (failure instanceof ExecutorFailure known) {
            JsonResponses.send(
                    response,
                    callback,
                    known.httpStatus(),
                    ExecutorEnvelopes.error(known.code(), known.getMessage(), known.details()));
        } else if (failure instanceof TimeoutException) {
            LOG.warn("{} for run {} ran past {} ms and was interrupted", path, call.runId(), pool.timeoutMillis());
            JsonResponses.sendError(
                    response,
                    callback,
                    504,
                    "timeout",
                    "the executor did not finish " + path + " within " + pool.timeoutMillis()
                            + " ms; try again later or with less work");
        } else if (failure instanceof RejectedExecutionException) {
            JsonResponses.sendError(
                    response, callback, 503, "unavailable", "the executor is busy with other requests; retry shortly");
        } else {
            // The cause stays in this process's log; the caller learns only that it happened.
            LOG.error("{} for run {} failed unexpectedly", path, call.runId(), failure);
            JsonResponses.sendError(
                    response,
                    callback,
                    500,
                    "internal",
                    "the executor failed unexpectedly on " + path + " ("
                            + failure.getClass().getSimpleName() + "); its log has the details");
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) return false;
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static boolean isTooLarge(Throwable failure) {
        Throwable cause = Futures.unwrap(failure);
        return cause instanceof IllegalArgumentException || cause instanceof IllegalStateException;
    }
}
