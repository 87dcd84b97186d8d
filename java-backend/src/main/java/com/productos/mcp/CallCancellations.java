package com.productos.mcp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls in flight by (transport session, request id), so {@code notifications/cancelled} can cancel
 * the run behind one. A cancellation that arrives before its call has started a run is remembered and
 * applied as soon as the run exists.
 */
public final class CallCancellations {
    private static final int MAX_EARLY_CANCELS = 1000;

    private final Map<CallTag, Runnable> inFlight = new ConcurrentHashMap<>();
    private final Set<CallTag> cancelledEarly = ConcurrentHashMap.newKeySet();

    /** Called by a transport when a client cancels {@code requestId}; returns whether a call was in flight. */
    public boolean cancel(String sessionKey, String requestKey) {
        CallTag tag = new CallTag(sessionKey, requestKey);
        Runnable cancel = inFlight.remove(tag);
        if (cancel != null) {
            cancel.run();
            return true;
        }
        if (cancelledEarly.size() < MAX_EARLY_CANCELS) cancelledEarly.add(tag);
        return false;
    }

    /** Registers a running call; runs {@code cancel} at once when the client already cancelled it. */
    void register(CallTag tag, Runnable cancel) {
        if (tag == null) return;
        inFlight.put(tag, cancel);
        if (cancelledEarly.remove(tag) && inFlight.remove(tag) != null) cancel.run();
    }

    void unregister(CallTag tag) {
        if (tag == null) return;
        inFlight.remove(tag);
        cancelledEarly.remove(tag);
    }
}
