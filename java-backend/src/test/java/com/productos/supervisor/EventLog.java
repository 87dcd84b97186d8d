package com.productos.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Every supervisor event, in order, with a wait for a turn's end. */
final class EventLog implements SupervisorEventListener {
    private final List<SupervisorEvent> all = new ArrayList<>();
    private final BlockingQueue<SupervisorEvent> finished = new LinkedBlockingQueue<>();

    @Override
    public synchronized void event(SupervisorEvent event) {
        all.add(event);
        if (event.type().equals(SupervisorEvent.TURN_FINISHED)) finished.add(event);
    }

    /** The next turn_finished, within 20 s. */
    SupervisorEvent nextFinish() throws InterruptedException {
        SupervisorEvent event = finished.poll(20, TimeUnit.SECONDS);
        if (event == null) throw new AssertionError("no turn finished within 20 s; events so far: " + types());
        return event;
    }

    synchronized List<SupervisorEvent> all() {
        return List.copyOf(all);
    }

    synchronized List<SupervisorEvent> ofType(String type) {
        return all.stream().filter(event -> event.type().equals(type)).toList();
    }

    synchronized List<String> types() {
        return all.stream().map(SupervisorEvent::type).toList();
    }
}
