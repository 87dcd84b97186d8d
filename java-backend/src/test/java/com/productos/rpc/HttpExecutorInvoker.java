package com.productos.rpc;

import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorInvoker;
import com.productos.control.ExecutorResult;
import com.productos.json.Json;
import com.productos.json.JsonParseFailure;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A plain HTTP executor client for the RPC tests: POSTs the run input to the tool's path and expects
 * {"output": ..., "logs": [{"severity", "text"}]}. Connection refused is ExecutorUnavailable, no answer
 * in time is ExecutorTimeout, an HTTP error or a body that is not that JSON is ExecutorError.
 */
final class HttpExecutorInvoker implements ExecutorInvoker {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Function<ToolDefinition, URI> baseUrl;
    private final Duration timeout;

    HttpExecutorInvoker(Function<ToolDefinition, URI> baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<ExecutorResult> invoke(ToolDefinition tool, Run run) {
        String executor = tool.executor().executorName();
        HttpRequest request = HttpRequest.newBuilder(baseUrl.apply(tool).resolve(tool.executor().path()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(run.input())))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) throw new CompletionException(transportFailure(executor, failure));
                    return result(executor, response);
                });
    }

    private static ExecutorCallException transportFailure(String executor, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new ExecutorCallException(ErrorCode.ExecutorTimeout, "the " + executor + " executor did not answer in time", null);
        }
        if (cause instanceof ConnectException) {
            return new ExecutorCallException(ErrorCode.ExecutorUnavailable, "the " + executor
                    + " executor could not be reached (connection refused); is it running?", null);
        }
        return new ExecutorCallException(ErrorCode.ExecutorUnavailable, "the " + executor + " executor could not be reached: "
                + cause.getClass().getSimpleName(), null);
    }

    private static ExecutorResult result(String executor, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new ExecutorCallException(ErrorCode.ExecutorError, "the " + executor + " executor answered HTTP "
                    + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (JsonParseFailure e) {
            throw new ExecutorCallException(ErrorCode.ExecutorError, "the " + executor
                    + " executor answered with a body that is not JSON", null);
        }
        if (!body.isObject() || !body.has("output")) {
            throw new ExecutorCallException(ErrorCode.ExecutorError, "the " + executor
                    + " executor answered without an output", null);
        }
        List<ExecutorResult.ExecutorLogLine> logs = new ArrayList<>();
        body.path("logs").forEach(line -> logs.add(new ExecutorResult.ExecutorLogLine(
                line.path("severity").asString("INFO"), line.path("text").asString(""))));
        return new ExecutorResult(body.get("output"), logs, List.of());
    }
}
