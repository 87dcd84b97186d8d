package com.productos.rpc.protocol;

/** One message of a session: role user, assistant or tool (then with its run and tool). */
public record SessionMessageInfo(String role, String text, String at, String runId, String tool) {}
