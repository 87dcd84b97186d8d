package com.productos.supervisor;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A turn's cancel switch. Whatever the turn waits for (a model answer, a tool run, a retry delay) is
 * waited for through {@link #await}, which gives up the moment the switch is thrown.
 */
public final class CancelSignal {
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.complete(null)) {
            for (Runnable action : onCancel) action.run();
        }
    }

    public boolean isCancelled() {
        return cancelled.isDone();
    }

    /** Runs {@code action} on cancel (at once when already cancelled); returns a handle to remove it. */
    public Runnable whenCancelled(Runnable action) {
        onCancel.add(action);
        if (isCancelled()) action.run();
        return () -> onCancel.remove(action);
    }

    /**
     * The value of {@code future}, or {@link TurnCancelledException} as soon as the signal fires.
     *
     * @throws TimeoutException after {@code timeoutMillis} (the turn's remaining wall time)
     * @throws ExecutionException when the future failed
     */
    public <T> T await(CompletableFuture<T> future, long timeoutMillis)
            throws ExecutionException, TimeoutException, InterruptedException {
        CompletableFuture<Object> first = CompletableFuture.anyOf(future, cancelled);
        try {
            first.get(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new TurnCancelledException();
        } catch (ExecutionException e) {
            if (!future.isDone()) throw new TurnCancelledException();
            throw e;
        }
        if (future.isDone() && !future.isCompletedExceptionally()) return future.getNow(null);
        if (isCancelled()) throw new TurnCancelledException();
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new TurnCancelledException();
        }
    }

    /** Waits for {@code millis}, or less when cancelled. */
    public void sleep(long millis) throws InterruptedException {
        try {
            cancelled.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
            throw new TurnCancelledException();
        } catch (TimeoutException elapsed) {
            // the wait is over
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
