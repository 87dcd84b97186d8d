package com.productos.rpc.protocol;

import java.util.List;

public record SessionsGetResult(SessionInfo session, List<SessionMessageInfo> messages) {}
