package com.productos.cli;

import com.productos.supervisor.SupervisorEvent;
import com.productos.supervisor.SupervisorEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects one session's events for a terminal: prints them, and hands turn ends (with the approvals they wait for) to the waiting thread. */
final class TurnWaiter implements SupervisorEventListener {
    /** How a turn ended, and the approvals it waits for when it parked. */
    record TurnEnd(String stopReason, List<SupervisorEvent> approvals) {}

    private final ChatPrinter printer;
    private final BlockingQueue<TurnEnd> ends = new LinkedBlockingQueue<>();
    private final List<SupervisorEvent> approvals = new ArrayList<>();
    private volatile String sessionId;

    TurnWaiter(ChatPrinter printer) {
        this.printer = printer;
    }

    void follow(String session) {
        this.sessionId = session;
    }

    @Override
    public void event(SupervisorEvent event) {
        if (sessionId == null || !sessionId.equals(event.sessionId())) return;
        printer.print(event);
        synchronized (approvals) {
            if (event.type().equals(SupervisorEvent.APPROVAL_NEEDED)) approvals.add(event);
            if (event.type().equals(SupervisorEvent.TURN_FINISHED)) {
                ends.add(new TurnEnd(event.json().path("stopReason").asString(), List.copyOf(approvals)));
                approvals.clear();
            }
        }
    }

    TurnEnd next(long timeoutSeconds) throws InterruptedException {
        TurnEnd end = ends.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (end == null)
            throw new CliFailure(ExitCodes.RUN_FAILED, "the turn did not finish within " + timeoutSeconds + " s");
        return end;
    }
}
