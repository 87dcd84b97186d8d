package com.productos.control;

import com.productos.runs.Approval;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;

/** What the control plane tells its callers as runs progress (the RPC layer turns these into notifications). */
public interface RunEventListener {
    default void runUpdated(Run run) {}

    default void runLog(RunLogLine line) {}

    default void approvalRequested(Approval approval, Run run) {}
}
