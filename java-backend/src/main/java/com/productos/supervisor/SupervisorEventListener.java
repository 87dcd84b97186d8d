package com.productos.supervisor;

/** Receives a session's events in seq order (the RPC layer sends them as supervisor/event; the CLI prints them). */
@FunctionalInterface
public interface SupervisorEventListener {
    void event(SupervisorEvent event);
}
