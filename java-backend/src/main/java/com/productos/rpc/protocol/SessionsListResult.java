package com.productos.rpc.protocol;

import java.util.List;

public record SessionsListResult(List<SessionInfo> sessions) {}
