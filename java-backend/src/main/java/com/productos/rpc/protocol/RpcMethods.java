package com.productos.rpc.protocol;

import java.util.List;

/**
 * Every JSON-RPC method and notification of the backend, named once. The protocol interfaces build
 * their names from these parts ({@code @JsonSegment(RUNS)} + {@code @JsonRequest(START)} is
 * {@link #RUNS_START}); a test checks that lsp4j sees exactly {@link #REQUESTS} and {@link #NOTIFICATIONS}.
 */
public final class RpcMethods {
    /** Bumped when a method, parameter or result changes incompatibly. */
    public static final String PROTOCOL_VERSION = "1";

    public static final String REGISTRY = "registry";
    public static final String RUNS = "runs";
    public static final String APPROVALS = "approvals";
    public static final String SUPERVISOR = "supervisor";
    public static final String SESSIONS = "sessions";

    public static final String INITIALIZE = "initialize";
    public static final String SHUTDOWN = "shutdown";
    public static final String EXIT = "exit";

    public static final String LIST_TOOLS = "listTools";
    public static final String START = "start";
    public static final String GET = "get";
    public static final String LIST = "list";
    public static final String CANCEL = "cancel";
    public static final String DECIDE = "decide";
    public static final String UPDATED = "updated";
    public static final String LOG = "log";
    public static final String REQUESTED = "requested";
    public static final String SEND = "send";
    public static final String INFO = "info";
    public static final String EVENT = "event";

    public static final String REGISTRY_LIST_TOOLS = REGISTRY + "/" + LIST_TOOLS;
    public static final String RUNS_START = RUNS + "/" + START;
    public static final String RUNS_GET = RUNS + "/" + GET;
    public static final String RUNS_LIST = RUNS + "/" + LIST;
    public static final String RUNS_CANCEL = RUNS + "/" + CANCEL;
    public static final String APPROVALS_LIST = APPROVALS + "/" + LIST;
    public static final String APPROVALS_DECIDE = APPROVALS + "/" + DECIDE;
    public static final String SUPERVISOR_SEND = SUPERVISOR + "/" + SEND;
    public static final String SUPERVISOR_CANCEL = SUPERVISOR + "/" + CANCEL;
    public static final String SUPERVISOR_INFO = SUPERVISOR + "/" + INFO;
    public static final String SESSIONS_LIST = SESSIONS + "/" + LIST;
    public static final String SESSIONS_GET = SESSIONS + "/" + GET;

    /** Server to client. */
    public static final String RUNS_UPDATED = RUNS + "/" + UPDATED;

    public static final String RUNS_LOG = RUNS + "/" + LOG;
    public static final String APPROVALS_REQUESTED = APPROVALS + "/" + REQUESTED;
    public static final String SUPERVISOR_EVENT = SUPERVISOR + "/" + EVENT;

    /** Requests the server answers. */
    public static final List<String> REQUESTS = List.of(
            INITIALIZE,
            SHUTDOWN,
            REGISTRY_LIST_TOOLS,
            RUNS_START,
            RUNS_GET,
            RUNS_LIST,
            RUNS_CANCEL,
            APPROVALS_LIST,
            APPROVALS_DECIDE,
            SUPERVISOR_SEND,
            SUPERVISOR_CANCEL,
            SUPERVISOR_INFO,
            SESSIONS_LIST,
            SESSIONS_GET);
    /** Notifications the server accepts from the client. */
    public static final List<String> CLIENT_NOTIFICATIONS = List.of(EXIT);
    /** Notifications the server sends to the client. */
    public static final List<String> NOTIFICATIONS =
            List.of(RUNS_UPDATED, RUNS_LOG, APPROVALS_REQUESTED, SUPERVISOR_EVENT);

    private RpcMethods() {}
}
