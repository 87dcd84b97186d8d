package com.productos.deploy.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping a process with all its descendants: SIGTERM first, SIGKILL after a grace period. */
final class ProcessTree {
    private ProcessTree() {}

    static void destroy(ProcessHandle root, Duration grace) {
        // Collect the tree first: once the root is gone its children are re-parented and cannot be found.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Fall through to SIGKILL for whatever is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle handle : tree) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
    }

    /** A process left by an earlier backend that crashed, if it is still the same process (pid and start time). */
    static Optional<ProcessHandle> leftover(long pid, Instant startedAt) {
        if (pid <= 0 || startedAt == null) return Optional.empty();
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(startedAt::equals).orElse(false));
    }
}
