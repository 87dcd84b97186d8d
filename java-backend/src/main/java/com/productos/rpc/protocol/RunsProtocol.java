package com.productos.rpc.protocol;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** Tool calls and their records. Progress of a started run arrives as runs/updated and runs/log. */
@JsonSegment(RpcMethods.RUNS)
public interface RunsProtocol {
    /** Returns the run at once (queued, awaiting_approval, denied, or the earlier run of a repeated key). */
    @JsonRequest(RpcMethods.START)
    CompletableFuture<RunInfo> start(StartRunParams params);

    /** The run with its log lines. */
    @JsonRequest(RpcMethods.GET)
    CompletableFuture<RunInfo> get(RunIdParams params);

    @JsonRequest(RpcMethods.LIST)
    CompletableFuture<ListRunsResult> list(ListRunsParams params);

    @JsonRequest(RpcMethods.CANCEL)
    CompletableFuture<RunInfo> cancel(RunIdParams params);
}
