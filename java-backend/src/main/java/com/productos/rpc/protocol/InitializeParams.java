package com.productos.rpc.protocol;

/**
 * Sent once by the client first. {@code processId} is the client's pid: the server exits when that
 * process is gone. All fields are optional.
 */
public record InitializeParams(Long processId, ClientInfo clientInfo, String workspaceFolder) {}
