package com.productos.rpc.protocol;

/** Who is on the other end: the extension's name and version. */
public record ClientInfo(String name, String version) {}
