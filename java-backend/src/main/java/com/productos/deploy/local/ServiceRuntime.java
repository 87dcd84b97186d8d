package com.productos.deploy.local;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One service in memory: its persisted state, its stable front and the process serving it. Every
 * change happens under {@link #lock}; {@link #busy} lets status answer "deploying" without waiting.
 */
final class ServiceRuntime {
    final ReentrantLock lock = new ReentrantLock();
    final ServiceState state;
    volatile boolean busy;
    volatile TrafficProxy proxy;
    volatile RevisionProcess serving;

    ServiceRuntime(ServiceState state) {
        this.state = state;
    }
}
