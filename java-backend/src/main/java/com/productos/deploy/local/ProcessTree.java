package com.productos.deploy.local;

import com.productos.common.ProcessOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Stopping a process with all its descendants: SIGTERM first, SIGKILL after a grace period. */
final class ProcessTree {
    private ProcessTree() {}

    static void destroy(ProcessHandle root, Duration grace) {
        Instant deadline = Instant.now().plus(grace);
        // Collect the tree first: once the root is gone its children are re-parented and cannot be found.
        List<ProcessHandle> descendants = root.descendants().toList();
        if (descendants.isEmpty()) {
            root.destroy();
        } else {
            // Signal the children only: a shell root ("sh -c") reaps its foreground child and then exits by
            // itself, which is much faster than waiting for an orphan to be reaped by init.
            descendants.forEach(ProcessHandle::destroy);
        }
        awaitExit(root, Duration.between(Instant.now(), deadline).dividedBy(descendants.isEmpty() ? 1 : 2));
        if (root.isAlive()) root.destroy();
        awaitExit(root, Duration.between(Instant.now(), deadline));
        for (ProcessHandle handle : descendants) {
            while (isRunning(handle) && Instant.now().isBefore(deadline)) LockSupport.parkNanos(5_000_000);
        }
        for (ProcessHandle handle : descendants) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static void awaitExit(ProcessHandle handle, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) return;
        try {
            handle.onExit().get(timeout.toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running: the caller escalates.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isRunning(ProcessHandle handle) {
        return ProcessOwner.isRunning(handle);
    }

    /** A process left by an earlier backend that crashed, if it is still the same process (pid and start time). */
    static Optional<ProcessHandle> leftover(long pid, Instant startedAt) {
        if (pid <= 0 || startedAt == null) return Optional.empty();
        return ProcessHandle.of(pid)
                .filter(ProcessTree::isRunning)
                .filter(handle ->
                        handle.info().startInstant().map(startedAt::equals).orElse(false));
    }
}
