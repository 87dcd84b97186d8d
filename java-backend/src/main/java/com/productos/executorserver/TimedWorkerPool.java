package com.productos.executorserver;

import com.productos.common.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs handlers on a bounded pool, each under a deadline. A handler still running at its deadline
 * is interrupted and its future fails with {@link TimeoutException}; a full queue fails at once
 * with {@link RejectedExecutionException}, so a flood of calls gets 503s instead of piling up.
 */
final class TimedWorkerPool {
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService deadlines;
    private final long timeoutMillis;

    TimedWorkerPool(int threads, int queueCapacity, Duration timeout) {
        this.workers = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                DaemonThreads.named("executor-worker"));
        this.workers.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("executor-deadline"));
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
        this.timeoutMillis = timeout.toMillis();
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    <T> CompletableFuture<T> run(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> task;
        try {
            task = workers.submit(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException busy) {
            result.completeExceptionally(busy);
            return result;
        }
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    if (result.completeExceptionally(new TimeoutException())) task.cancel(true);
                },
                timeoutMillis,
                TimeUnit.MILLISECONDS);
        result.whenComplete((value, failure) -> deadline.cancel(false));
        return result;
    }

    /** Stops taking work, waits up to {@code grace} for running handlers, then interrupts them. */
    void shutdown(Duration grace) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        deadlines.shutdownNow();
    }
}
