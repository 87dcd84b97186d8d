package com.productos.rpc.protocol;

import java.util.List;

/** Every tool of the registry, in registry order. */
public record ListToolsResult(List<ToolInfo> tools) {}
