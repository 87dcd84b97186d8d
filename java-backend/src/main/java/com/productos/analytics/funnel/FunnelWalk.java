package com.productos.analytics.funnel;

import java.util.Arrays;

/**
 * The ordered funnel as one streaming pass: feed a user's matching events in time order (each as the
 * bit mask of the steps it matches, step 1 = bit 0), then {@link #endUser()}; the walk keeps only a
 * few numbers per step. Semantics are PostHog's funnel UDF, described in {@link FunnelSql}.
 *
 * <p>State: for each step, the start (step-1 time) of the latest-starting path that reached it, and
 * for paths set at the current instant, which of that instant's events they used (the chain).
 * Events at one instant are buffered until the instant ends, since how they are taken depends on
 * whether they all match the same steps.
 */
public final class FunnelWalk {
    private final int steps;
    private final long windowMicros;
    private final long[] usersPerStep;
    /** start[k] for k = 1..steps: start of the latest path that reached step k; valid when reached[k]. */
    private final long[] start;

    private final boolean[] reached;
    /** Instant (per user, counted from 1) at which step k's path was last set; 0 = before this user's current instant. */
    private final long[] setAt;
    /** chain[k][0..chainLength[k]) = indexes in the instant buffer of the events step k's path used at setAt[k]. */
    private final int[][] chain;

    private final int[] chainLength;
    private int[] instantMasks = new int[16];
    private int instantSize;
    private long instantMicros;
    private long instantCounter;
    private int maxStep;

    public FunnelWalk(int steps, long windowMicros) {
        if (steps < 1 || steps > 30)
            throw new IllegalArgumentException("a funnel walk takes 1 to 30 steps, not " + steps);
        this.steps = steps;
        this.windowMicros = windowMicros;
        this.usersPerStep = new long[steps];
        this.start = new long[steps + 1];
        this.reached = new boolean[steps + 1];
        this.setAt = new long[steps + 1];
        this.chain = new int[steps + 1][steps];
        this.chainLength = new int[steps + 1];
    }

    /** The next event of the current user: not earlier than the one before; {@code stepMask} is non-zero. */
    public void add(long micros, int stepMask) {
        if (instantSize > 0 && micros != instantMicros) flushInstant();
        if (instantSize == instantMasks.length) instantMasks = Arrays.copyOf(instantMasks, instantSize * 2);
        instantMasks[instantSize++] = stepMask;
        instantMicros = micros;
    }

    /** Ends the current user: counts the steps they reached and clears the state for the next. */
    public void endUser() {
        if (instantSize > 0) flushInstant();
        for (int k = 0; k < maxStep; k++) usersPerStep[k]++;
        Arrays.fill(reached, false);
        maxStep = 0;
    }

    public long[] usersPerStep() {
        return usersPerStep.clone();
    }

    private void flushInstant() {
        instantCounter++;
        int first = instantMasks[0];
        boolean allEqual = true;
        for (int i = 1; i < instantSize && allEqual; i++) allEqual = instantMasks[i] == first;
        if (allEqual) {
            // One event, or several matching the same steps: each in turn, its steps from the last down,
            // so that one event never fills two steps of a path.
            for (int i = 0; i < instantSize; i++) {
                for (int k = steps; k >= 1; k--) {
                    if ((first & (1 << (k - 1))) != 0) advance(k, -1);
                }
            }
        } else {
            // Mixed events at one instant: one entry per (event, step), by step, then by mask; an event
            // already on the path is not used again. Events with equal masks are interchangeable.
            Arrays.sort(instantMasks, 0, instantSize);
            for (int k = 1; k <= steps; k++) {
                int bit = 1 << (k - 1);
                for (int i = 0; i < instantSize; i++) {
                    if ((instantMasks[i] & bit) != 0) advance(k, i);
                }
            }
        }
        instantSize = 0;
    }

    /** Tries to move the path at step k-1 to step k with an event; {@code event} >= 0 names it in a mixed instant. */
    private void advance(int k, int event) {
        long previousStart;
        if (k == 1) {
            previousStart = instantMicros;
        } else {
            if (!reached[k - 1]) return;
            previousStart = start[k - 1];
            if (instantMicros - previousStart > windowMicros) return;
        }
        if (reached[k] && start[k] == previousStart) return;
        boolean previousSetNow = k > 1 && setAt[k - 1] == instantCounter;
        if (event >= 0 && previousSetNow) {
            for (int j = 0; j < chainLength[k - 1]; j++) if (chain[k - 1][j] == event) return;
        }
        start[k] = previousStart;
        reached[k] = true;
        setAt[k] = instantCounter;
        int length = 0;
        if (event >= 0) {
            if (previousSetNow) {
                length = chainLength[k - 1];
                System.arraycopy(chain[k - 1], 0, chain[k], 0, length);
            }
            chain[k][length++] = event;
        }
        chainLength[k] = length;
        if (k > maxStep) maxStep = k;
    }
}
