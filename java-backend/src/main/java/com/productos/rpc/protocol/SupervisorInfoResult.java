package com.productos.rpc.protocol;

public record SupervisorInfoResult(ModelInfo model) {}
