package com.productos.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** Median wall-clock time of repeated runs, after one warm-up run. */
final class BenchTiming {
    private BenchTiming() {}

    static double medianMillis(int runs, Callable<?> work) throws Exception {
        work.call();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            work.call();
            times.add((System.nanoTime() - started) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }
}
