package com.productos.deploy.local;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One service in memory: its persisted state, its stable front and the process serving it. Every
 * change happens under {@link #lock}; {@link #busy} lets status answer "deploying" without waiting.
 * When another live backend process owns the service (the IDE's while the CLI runs), {@link
 * #foreignOwner} names it and this backend only reads the state that process writes.
 */
final class ServiceRuntime {
    final ReentrantLock lock = new ReentrantLock();
    volatile ServiceState state;
    volatile String foreignOwner;
    volatile boolean busy;
    volatile TrafficProxy proxy;
    volatile RevisionProcess serving;

    ServiceRuntime(ServiceState state) {
        this.state = state;
    }
}
