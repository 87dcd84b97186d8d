package com.productos.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a bounded deadline, checking every 20 ms. */
public final class Poll {
    private Poll() {}

    public static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline))
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
