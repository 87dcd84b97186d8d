package com.productos.rpc;

import com.productos.common.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back once when a process is gone, checking on a daemon thread every {@code interval}: a
 * backend whose editor died must not live on. A pid reused by a new process counts as gone (its start
 * time differs).
 */
public final class ParentProcessWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParentProcessWatcher.class);

    private final long pid;
    private final Optional<Instant> startedAt;
    private final Runnable onGone;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledExecutorService timer;

    private ParentProcessWatcher(long pid, Duration interval, Runnable onGone) {
        this.pid = pid;
        this.startedAt = ProcessHandle.of(pid).flatMap(process -> process.info().startInstant());
        this.onGone = onGone;
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("productos-parent-watch-" + pid));
        timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching {@code pid}; {@code onGone} runs at most once, on the watcher's thread. */
    public static ParentProcessWatcher watch(long pid, Duration interval, Runnable onGone) {
        if (pid <= 0) throw new IllegalArgumentException("pid must be positive, was " + pid);
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        return new ParentProcessWatcher(pid, interval, onGone);
    }

    public long pid() {
        return pid;
    }

    /** True while the watched process (the same one, not a reuse of its pid) is running. */
    public boolean isAlive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) return false;
        Optional<Instant> now = process.get().info().startInstant();
        return startedAt.isEmpty() || now.isEmpty() || startedAt.equals(now);
    }

    private void check() {
        if (fired.get() || isAlive()) return;
        if (fired.compareAndSet(false, true)) {
            LOG.info("process {} is gone; stopping", pid);
            timer.shutdown();
            try {
                onGone.run();
            } catch (RuntimeException e) {
                LOG.error("the exit callback for a gone process failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
