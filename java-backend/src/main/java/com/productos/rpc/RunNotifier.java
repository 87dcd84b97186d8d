package com.productos.rpc;

import com.productos.control.RunEventListener;
import com.productos.rpc.protocol.ApprovalRequestedParams;
import com.productos.rpc.protocol.ProductOsClient;
import com.productos.rpc.protocol.WireTypes;
import com.productos.runs.Approval;
import com.productos.runs.Run;
import com.productos.runs.RunLogLine;

/**
 * Passes the control plane's events to the client as notifications. It sends on the thread that
 * reports the event, so a run's notifications leave in the order the control plane recorded them.
 */
final class RunNotifier implements RunEventListener {
    private final ProductOsClient client;

    RunNotifier(ProductOsClient client) {
        this.client = client;
    }

    @Override
    public void runUpdated(Run run) {
        client.updated(WireTypes.run(run, false));
    }

    @Override
    public void runLog(RunLogLine line) {
        client.log(WireTypes.log(line));
    }

    @Override
    public void approvalRequested(Approval approval, Run run) {
        client.requested(new ApprovalRequestedParams(WireTypes.approval(approval), WireTypes.run(run, false)));
    }
}
