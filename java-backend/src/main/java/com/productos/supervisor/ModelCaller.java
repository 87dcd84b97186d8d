package com.productos.supervisor;

import com.productos.supervisor.model.ModelCallException;
import com.productos.supervisor.model.ModelProvider;
import com.productos.supervisor.model.ModelReply;
import com.productos.supervisor.model.ModelRequest;
import com.productos.supervisor.model.ModelRetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Calls a model once per attempt on its own thread, so the turn can stop waiting the moment it is
 * cancelled or out of wall time, and retries 429, 5xx and timeouts as {@link ModelRetryPolicy} says.
 */
final class ModelCaller {
    private final ModelProvider provider;
    private final ModelRetryPolicy retryPolicy;
    private final ExecutorService modelThreads;
    private final Clock clock;

    ModelCaller(ModelProvider provider, ModelRetryPolicy retryPolicy, ExecutorService modelThreads, Clock clock) {
        this.provider = provider;
        this.retryPolicy = retryPolicy;
        this.modelThreads = modelThreads;
        this.clock = clock;
    }

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which the turn must end
     * @throws ModelCallException the last failure, once retries are spent or pointless
     * @throws LimitReachedException when the wall time ran out while waiting
     * @throws TurnCancelledException when cancelled
     */
    ModelReply call(ModelRequest request, CancelSignal cancel, long deadlineNanos)
            throws ModelCallException, InterruptedException {
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return attempt(request, cancel, deadlineNanos);
            } catch (ModelCallException failed) {
                Optional<Duration> delay =
                        retryPolicy.delayBeforeRetry(attempts, failed.status(), failed.retryAfter(), clock.instant());
                long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (delay.isEmpty() || delay.get().toMillis() >= remainingMillis) {
                    if (attempts == 1) throw failed;
                    throw new ModelCallException(
                            failed.status(),
                            failed.retryAfter(),
                            failed.getMessage() + " (after " + attempts + " attempts)");
                }
                cancel.sleep(delay.get().toMillis());
            }
        }
    }

    private ModelReply attempt(ModelRequest request, CancelSignal cancel, long deadlineNanos)
            throws ModelCallException, InterruptedException {
        CompletableFuture<ModelReply> reply = new CompletableFuture<>();
        Future<?> running = modelThreads.submit(() -> {
            try {
                reply.complete(provider.next(request));
            } catch (Throwable e) {
                reply.completeExceptionally(e);
            }
        });
        try {
            return cancel.await(reply, (deadlineNanos - System.nanoTime()) / 1_000_000);
        } catch (TimeoutException e) {
            throw new LimitReachedException("the turn reached its wall-time limit while waiting for the model;"
                    + " raise supervisor.limits.turn.wall_seconds or ask for less");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelCallException failed) throw failed;
            if (cause instanceof InterruptedException) throw new TurnCancelledException();
            if (cause instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(cause);
        } finally {
            running.cancel(true); // a cancelled or timed-out call is abandoned; its thread is interrupted
        }
    }
}
