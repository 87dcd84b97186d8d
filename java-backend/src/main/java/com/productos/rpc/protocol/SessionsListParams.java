package com.productos.rpc.protocol;

public record SessionsListParams(Integer limit) {}
