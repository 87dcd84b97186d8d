package com.productos.rpc.protocol;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonSegment;

/** What a supervisor turn does, pushed to the client in seq order per session. */
@JsonSegment(RpcMethods.SUPERVISOR)
public interface SupervisorClient {
    /** One typed event (assistant_text, tool_call_proposed, run_started, run_updated, approval_needed, turn_finished, error). */
    @JsonNotification(RpcMethods.EVENT)
    void event(JsonObject event);
}
