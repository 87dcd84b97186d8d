package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParentProcessWatcherTest {
    private static Process child() throws Exception {
        return new ProcessBuilder("sleep", "60").start();
    }

    @Test
    void goneProcessShouldCallBackOnce() throws Exception {
        Process child = child();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch gone = new CountDownLatch(1);
        try (ParentProcessWatcher watcher = ParentProcessWatcher.watch(child.pid(), Duration.ofMillis(20), () -> {
            calls.incrementAndGet();
            gone.countDown();
        })) {
            assertTrue(watcher.isAlive());
            assertEquals(1, gone.getCount(), "a live process must not trigger the callback");
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
            assertTrue(gone.await(10, TimeUnit.SECONDS), "the watcher did not notice the process ended");
            assertFalse(watcher.isAlive());
            assertEquals(1, calls.get());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void processThatNeverExistedShouldCountAsGone() throws Exception {
        Process child = child();
        long pid = child.pid();
        child.destroy();
        child.waitFor(10, TimeUnit.SECONDS);
        CountDownLatch gone = new CountDownLatch(1);
        try (ParentProcessWatcher watcher = ParentProcessWatcher.watch(pid, Duration.ofMillis(20), gone::countDown)) {
            assertTrue(gone.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void badArgumentsShouldBeRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> ParentProcessWatcher.watch(0, Duration.ofSeconds(1), () -> {}));
        assertThrows(IllegalArgumentException.class, () -> ParentProcessWatcher.watch(1, Duration.ZERO, () -> {}));
    }
}
