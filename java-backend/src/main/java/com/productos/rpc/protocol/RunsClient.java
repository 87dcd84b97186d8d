package com.productos.rpc.protocol;

import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Run progress the server pushes to the client. */
@JsonSegment(RpcMethods.RUNS)
public interface RunsClient {
    /** A run changed status (without its log lines). */
    @JsonNotification(RpcMethods.UPDATED)
    void updated(RunInfo run);

    @JsonNotification(RpcMethods.LOG)
    void log(RunLogInfo line);
}
