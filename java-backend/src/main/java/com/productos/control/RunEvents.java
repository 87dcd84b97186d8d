package com.productos.control;

import com.productos.runs.Approval;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;
import com.productos.runs.RunStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the control plane's listeners what happens to runs, on the thread that recorded it, so
 * each run's events reach a listener in the order they were stored. A failing listener is logged
 * and never stops the run or the other listeners.
 */
final class RunEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);
    private final RunStore runs;
    private final List<RunEventListener> listeners = new CopyOnWriteArrayList<>();

    RunEvents(RunStore runs) {
        this.runs = runs;
    }

    void add(RunEventListener listener) {
        listeners.add(listener);
    }

    void remove(RunEventListener listener) {
        listeners.remove(listener);
    }

    /** Call after the store holds {@code run}. */
    void updated(Run run) {
        for (RunEventListener listener : listeners) {
            try {
                listener.runUpdated(run);
            } catch (RuntimeException e) {
                LOG.warn("a run listener failed", e);
            }
        }
    }

    /** Appends a line to the run's log in the store, then tells the listeners. */
    void log(String runId, String severity, String text) {
        RunLogLine line = runs.appendLog(runId, severity, text);
        for (RunEventListener listener : listeners) {
            try {
                listener.runLog(line);
            } catch (RuntimeException e) {
                LOG.warn("a log listener failed", e);
            }
        }
    }

    void approvalRequested(Approval approval, Run parked) {
        for (RunEventListener listener : listeners) {
            try {
                listener.approvalRequested(approval, parked);
            } catch (RuntimeException e) {
                LOG.warn("an approval listener failed", e);
            }
        }
    }
}
