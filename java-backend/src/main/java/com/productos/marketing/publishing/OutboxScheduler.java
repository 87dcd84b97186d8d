package com.productos.marketing.publishing;

import com.productos.common.DaemonThreads;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the local outbox's scheduled posts to published when their time comes. State lives in SQLite,
 * so posts that fell due while the backend was down are published on the first tick after a restart.
 */
public final class OutboxScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxScheduler.class);
    private final PublicationStore store;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    public OutboxScheduler(PublicationStore store, Clock clock, long pollIntervalMillis) {
        this.store = store;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("marketing-outbox-scheduler"));
        executor.scheduleWithFixedDelay(this::tickSafely, 0, pollIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Publishes every post that is due now; returns how many. */
    public int tick() {
        int published = store.publishDue(LocalOutbox.BACKEND, clock.instant());
        if (published > 0) LOG.info("local outbox published {} scheduled post(s)", published);
        return published;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("local outbox scheduler tick failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
