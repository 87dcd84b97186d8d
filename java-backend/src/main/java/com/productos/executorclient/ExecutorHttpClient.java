package com.productos.executorclient;

import com.productos.common.DaemonThreads;
import com.productos.common.Futures;
import com.productos.config.ExecutorAuth;
import com.productos.config.ExecutorEndpoint;
import com.productos.config.ProductOsConfig;
import com.productos.control.ErrorCode;
import com.productos.control.ExecutorCallException;
import com.productos.control.ExecutorInvoker;
import com.productos.control.ExecutorResult;
import com.productos.executors.ExecutorProtocol;
import com.productos.json.Json;
import com.productos.registry.Risk;
import com.productos.registry.ToolDefinition;
import com.productos.runs.Run;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's side of {@link ExecutorProtocol}: POSTs a run's input to
 * {@code endpoint.baseUrl + tool.executor().path()} and reads the envelope back.
 *
 * <p>Retries only what is safe to repeat: a connection that could not be made (nothing was sent)
 * for any tool; a 502/503/504 answer or an I/O error after sending only for a low-risk tool or a run
 * that carries an idempotency key, because the executor may already have acted. Retries back off
 * exponentially with jitter, within the attempt limit and the call's deadline.
 */
public final class ExecutorHttpClient implements ExecutorInvoker, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorHttpClient.class);
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Completes when the executors are up (embedded ones start in the background). */
    private final CompletableFuture<ExecutorEndpointResolver> endpoints;

    private final Duration callTimeout;
    private final RetryPolicy retryPolicy;
    private final GoogleIdTokens idTokens;
    private final HttpClient http;
    private final ExecutorService blockingWork;

    public ExecutorHttpClient(
            ExecutorEndpointResolver resolver,
            Duration connectTimeout,
            Duration callTimeout,
            RetryPolicy retryPolicy,
            GoogleIdTokens idTokens) {
        this(CompletableFuture.completedFuture(resolver), connectTimeout, callTimeout, retryPolicy, idTokens);
    }

    /**
     * A client whose endpoints are known once {@code endpoints} completes: calls made before wait for
     * it, and fail with ExecutorUnavailable and the reason when the executors did not start.
     */
    public ExecutorHttpClient(
            CompletableFuture<ExecutorEndpointResolver> endpoints,
            Duration connectTimeout,
            Duration callTimeout,
            RetryPolicy retryPolicy,
            GoogleIdTokens idTokens) {
        this.endpoints = endpoints;
        this.callTimeout = callTimeout;
        this.retryPolicy = retryPolicy;
        this.idTokens = idTokens;
        this.blockingWork = Executors.newCachedThreadPool(DaemonThreads.named("executor-client-auth"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The client the backend uses: timeouts from config.yaml, default retries, ID tokens from config. */
    public static ExecutorHttpClient create(ExecutorEndpointResolver resolver, ProductOsConfig config) {
        return create(CompletableFuture.completedFuture(resolver), config);
    }

    /** As {@link #create(ExecutorEndpointResolver, ProductOsConfig)}, for executors still starting. */
    public static ExecutorHttpClient create(
            CompletableFuture<ExecutorEndpointResolver> endpoints, ProductOsConfig config) {
        return new ExecutorHttpClient(
                endpoints,
                DEFAULT_CONNECT_TIMEOUT,
                config.executorTimeout(),
                RetryPolicy.defaults(),
                new GoogleIdTokens(config));
    }

    @Override
    public CompletableFuture<ExecutorResult> invoke(ToolDefinition tool, Run run) {
        if (endpoints.isDone() && !endpoints.isCompletedExceptionally()) return invoke(tool, run, endpoints.join());
        CompletableFuture<ExecutorResult> result = new CompletableFuture<>();
        endpoints.whenComplete((resolver, failure) -> {
            if (failure != null) {
                result.completeExceptionally(new ExecutorCallException(
                        ErrorCode.ExecutorUnavailable,
                        "the embedded executors did not start: "
                                + Futures.unwrap(failure).getMessage(),
                        null));
            } else {
                invoke(tool, run, resolver).whenComplete((value, error) -> {
                    if (error != null) result.completeExceptionally(error);
                    else result.complete(value);
                });
            }
        });
        return result;
    }

    private CompletableFuture<ExecutorResult> invoke(ToolDefinition tool, Run run, ExecutorEndpointResolver resolver) {
        CompletableFuture<ExecutorResult> result = new CompletableFuture<>();
        try {
            ExecutorEndpoint endpoint = resolver.resolve(tool.executor().executorName());
            URI uri = URI.create(endpoint.baseUrl().toString().replaceAll("/+$", "")
                    + tool.executor().path());
            byte[] body = Json.MAPPER.writeValueAsBytes(run.input());
            Call call = new Call(tool, run, endpoint, uri, body, System.nanoTime() + callTimeout.toNanos(), result);
            attempt(call, 1);
        } catch (ExecutorCallException e) {
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(new ExecutorCallException(
                    ErrorCode.ExecutorUnavailable,
                    "cannot call executor '" + tool.executor().executorName() + "' for " + tool.name() + ": "
                            + e.getMessage(),
                    null));
        }
        return result;
    }

    private void attempt(Call call, int attemptNumber) {
        if (call.result.isDone()) return; // cancelled by the caller
        long remainingNanos = call.deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            call.result.completeExceptionally(timedOut(call));
            return;
        }
        authorization(call)
                .thenCompose(header -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(call.uri)
                            .timeout(Duration.ofNanos(remainingNanos))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(call.body));
                    if (header != null) request.header("Authorization", header);
                    if (call.run.id() != null) request.header(ExecutorProtocol.RUN_ID_HEADER, call.run.id());
                    if (call.run.actor() != null) request.header(ExecutorProtocol.ACTOR_HEADER, call.run.actor());
                    if (call.run.idempotencyKey() != null) {
                        request.header(ExecutorProtocol.IDEMPOTENCY_KEY_HEADER, call.run.idempotencyKey());
                    }
                    CompletableFuture<HttpResponse<byte[]>> sent =
                            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    // A caller that gives up cancels the exchange too.
                    call.result.whenComplete((value, failure) -> sent.cancel(true));
                    return sent;
                })
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        onFailure(call, attemptNumber, Futures.unwrap(failure));
                    } else {
                        onResponse(call, attemptNumber, response);
                    }
                });
    }

    private CompletableFuture<String> authorization(Call call) {
        ExecutorEndpoint endpoint = call.endpoint;
        if (endpoint.auth() == ExecutorAuth.BEARER) {
            if (endpoint.bearerToken() == null || endpoint.bearerToken().isBlank()) {
                return CompletableFuture.failedFuture(new ExecutorCallException(
                        ErrorCode.ExecutorUnavailable,
                        "executor '" + endpoint.name() + "' uses bearer auth but has no token; set "
                                + "PRODUCTOS_EXECUTOR_" + endpoint.name().toUpperCase(java.util.Locale.ROOT)
                                + "_TOKEN or executors." + endpoint.name() + ".token_env",
                        null));
            }
            return CompletableFuture.completedFuture("Bearer " + endpoint.bearerToken());
        }
        if (endpoint.auth() == ExecutorAuth.GOOGLE_ID_TOKEN) {
            // The library fetches and refreshes tokens with blocking I/O: keep it off the HTTP threads.
            return CompletableFuture.supplyAsync(
                    () -> "Bearer " + idTokens.idToken(endpoint.baseUrl().toString()), blockingWork);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void onResponse(Call call, int attemptNumber, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if ((status == 502 || status == 503 || status == 504)
                && call.repeatable()
                && retry(call, attemptNumber, "HTTP " + status)) {
            return;
        }
        try {
            call.result.complete(ExecutorAnswers.read(
                    call.executorName(), call.tool.name(), status, response.body(), call.endpoint.bearerToken()));
        } catch (ExecutorCallException e) {
            call.result.completeExceptionally(e);
        }
    }

    private void onFailure(Call call, int attemptNumber, Throwable failure) {
        if (failure instanceof ExecutorCallException known) {
            call.result.completeExceptionally(known);
            return;
        }
        boolean notSent = failure instanceof ConnectException
                || failure instanceof HttpConnectTimeoutException
                || failure instanceof UnresolvedAddressException
                || failure.getCause() instanceof ConnectException;
        if (notSent) {
            if (retry(call, attemptNumber, "cannot connect: " + describe(failure))) return;
            call.result.completeExceptionally(new ExecutorCallException(
                    ErrorCode.ExecutorUnavailable,
                    "cannot connect to executor '" + call.executorName() + "' at " + call.endpoint.baseUrl() + " after "
                            + attemptNumber + " attempt" + (attemptNumber == 1 ? "" : "s") + " (" + describe(failure)
                            + "); check that it is running and that its URL in .productos/config.yaml is right",
                    null));
        } else if (failure instanceof HttpTimeoutException) {
            call.result.completeExceptionally(timedOut(call));
        } else if (failure instanceof IOException) {
            if (call.repeatable() && retry(call, attemptNumber, "connection failed: " + describe(failure))) return;
            String why = call.repeatable()
                    ? ""
                    : "; not repeated because " + call.tool.name() + " is "
                            + call.tool.risk().wireName()
                            + " risk and the run has no idempotency key, so the executor may have acted";
            call.result.completeExceptionally(new ExecutorCallException(
                    ErrorCode.ExecutorUnavailable,
                    "the connection to executor '" + call.executorName() + "' failed after the request for "
                            + call.tool.name() + " was sent (" + describe(failure) + ")" + why,
                    null));
        } else {
            LOG.warn("executor call for run {} failed unexpectedly", call.run.id(), failure);
            call.result.completeExceptionally(new ExecutorCallException(
                    ErrorCode.ExecutorUnavailable,
                    "calling executor '" + call.executorName() + "' failed: " + describe(failure),
                    null));
        }
    }

    /** Schedules another attempt if the policy and the deadline allow it; false when it is over. */
    private boolean retry(Call call, int attemptNumber, String reason) {
        if (attemptNumber >= retryPolicy.maxAttempts()) return false;
        long waitMillis = retryPolicy.backoffMillis(attemptNumber + 1);
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos - System.nanoTime());
        if (waitMillis >= remainingMillis) return false;
        LOG.info(
                "run {}: {} on executor '{}' ({}); attempt {} in {} ms",
                call.run.id(),
                call.tool.name(),
                call.executorName(),
                reason,
                attemptNumber + 1,
                waitMillis);
        Executor later = CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS);
        later.execute(() -> attempt(call, attemptNumber + 1));
        return true;
    }

    private ExecutorCallException timedOut(Call call) {
        return new ExecutorCallException(
                ErrorCode.ExecutorTimeout,
                "executor '" + call.executorName()
                        + "' did not answer " + call.tool.name() + " within " + callTimeout.toSeconds()
                        + " s; raise http.timeout_seconds in .productos/config.yaml or check the executor",
                null);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + ExecutorAnswers.redact(message, null));
    }

    @Override
    public void close() {
        blockingWork.shutdownNow();
    }

    private record Call(
            ToolDefinition tool,
            Run run,
            ExecutorEndpoint endpoint,
            URI uri,
            byte[] body,
            long deadlineNanos,
            CompletableFuture<ExecutorResult> result) {
        boolean repeatable() {
            return tool.risk() == Risk.LOW || run.idempotencyKey() != null;
        }

        String executorName() {
            return tool.executor().executorName();
        }
    }
}
